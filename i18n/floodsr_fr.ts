<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
  <context>
    <name>FloodSR</name>
    <message>
      <source>The Python package onnxruntime is not installed in QGIS's Python. Run the algorithm 'FloodSR &gt; Models and setup &gt; Install onnxruntime' (floodsr:installruntime), or install onnxruntime with the pip that belongs to QGIS's Python, then restart QGIS.</source>
      <translation>Le paquet Python onnxruntime n'est pas installé dans le Python de QGIS. Lancez l'algorithme « FloodSR &gt; Modèles et installation &gt; Installer onnxruntime » (floodsr:installruntime), ou installez onnxruntime avec le pip du Python de QGIS, puis redémarrez QGIS.</translation>
    </message>
    <message>
      <source>No {} layer was given, or it could not be loaded.</source>
      <translation>Aucune couche {} n'a été fournie, ou elle n'a pas pu être chargée.</translation>
    </message>
    <message>
      <source>The {} layer '{}' comes from the '{}' data provider, which FloodSR cannot read in windows. Save it as a GeoTIFF first (right-click &gt; Export &gt; Save As...) and use that file.</source>
      <translation>La couche {} « {} » provient du fournisseur de données « {} », que FloodSR ne peut pas lire par fenêtres. Enregistrez-la d'abord en GeoTIFF (clic droit &gt; Exporter &gt; Enregistrer sous...) et utilisez ce fichier.</translation>
    </message>
    <message>
      <source>Diagnostics</source>
      <translation>Diagnostic</translation>
    </message>
    <message>
      <source>Reports what FloodSR runs on, for bug reports and support: plugin, QGIS, Python, numpy, GDAL and onnxruntime versions, the available execution providers (CPU, CUDA, ...), the model cache and its checksums, and whether the bundled model loads. As an HTML report and in the log.</source>
      <translation>Indique sur quoi FloodSR fonctionne, pour les rapports de bogue et l'assistance : versions de l'extension, de QGIS, de Python, de numpy, de GDAL et d'onnxruntime, fournisseurs d'exécution disponibles (CPU, CUDA, ...), cache des modèles et leurs sommes de contrôle, et chargement ou non du modèle intégré. Sous forme de rapport HTML et dans le journal.</translation>
    </message>
    <message>
      <source>Diagnostics report</source>
      <translation>Rapport de diagnostic</translation>
    </message>
    <message>
      <source>HTML files (*.html)</source>
      <translation>Fichiers HTML (*.html)</translation>
    </message>
    <message>
      <source>FloodSR diagnostics</source>
      <translation>Diagnostic FloodSR</translation>
    </message>
    <message>
      <source>Downscale flood (classic methods)</source>
      <translation>Affiner une inondation (méthodes classiques)</translation>
    </message>
    <message>
      <source>Classic downscaling</source>
      <translation>Affinage classique</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model, with the published methods of Bryant et al. (FloodDownscaler). A coarse depth becomes a water-surface elevation (WSE) over the mean DEM of each coarse cell; fine depth = max(WSE - DEM, 0).

basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area.

Size: the methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.</source>
      <translation>Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle, avec les méthodes publiées de Bryant et al. (FloodDownscaler). Une hauteur grossière devient une cote de surface libre (WSE) au-dessus du MNT moyen de chaque cellule grossière ; hauteur fine = max(WSE - MNT, 0).

basic : WSE bilinéaire dans la zone inondée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours de croissance depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), conservée seulement là où elle est connectée à la zone inondée.

Taille : les méthodes travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.</translation>
    </message>
    <message>
      <source>flood,depth,downscale,costgrow,schumann,wse,DEM</source>
      <translation>inondation,hauteur,affinage,costgrow,schumann,wse,MNT</translation>
    </message>
    <message>
      <source>Coarse water depth (m) or water-surface elevation (m), see 'Input type'.</source>
      <translation>Hauteur d'eau grossière (m) ou cote de la surface libre (m), voir « Type d'entrée ».</translation>
    </message>
    <message>
      <source>Coarse band</source>
      <translation>Bande grossière</translation>
    </message>
    <message>
      <source>depth: water depth; nodata and 0 are dry. wse: water-surface elevation; nodata is dry.</source>
      <translation>depth : hauteur d'eau ; nodata et 0 sont secs. wse : cote de la surface libre ; nodata est sec.</translation>
    </message>
    <message>
      <source>Bare-earth elevation at the output resolution; the output uses its grid.</source>
      <translation>Altitude du sol nu à la résolution de sortie ; la sortie utilise sa grille.</translation>
    </message>
    <message>
      <source>DEM band</source>
      <translation>Bande du MNT</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Méthode</translation>
    </message>
    <message>
      <source>How far CostGrow may spread water from the wet area, in coarse cells; 0 means no cap.</source>
      <translation>Distance maximale de propagation de l'eau par CostGrow depuis la zone inondée, en cellules grossières ; 0 signifie sans plafond.</translation>
    </message>
    <message>
      <source>Compression</source>
      <translation>Compression</translation>
    </message>
    <message>
      <source>Fine water depth</source>
      <translation>Hauteur d'eau fine</translation>
    </message>
    <message>
      <source>Run time (s)</source>
      <translation>Durée d'exécution (s)</translation>
    </message>
    <message>
      <source>Wet fraction of valid cells</source>
      <translation>Fraction mouillée des cellules valides</translation>
    </message>
    <message>
      <source>Coarse flood raster</source>
      <translation>Raster d'inondation grossier</translation>
    </message>
    <message>
      <source>Input type</source>
      <translation>Type d'entrée</translation>
    </message>
    <message>
      <source>Fine DEM (m)</source>
      <translation>MNT fin (m)</translation>
    </message>
    <message>
      <source>CostGrow growth cap (coarse cells)</source>
      <translation>Plafond de croissance de CostGrow (cellules grossières)</translation>
    </message>
    <message>
      <source>Done in {:.1f} s; maximum depth {:.2f} m, wet fraction {:.1%}.</source>
      <translation>Terminé en {:.1f} s ; hauteur maximale {:.2f} m, fraction mouillée {:.1%}.</translation>
    </message>
    <message>
      <source>Flood depth ({})</source>
      <translation>Hauteur d'eau ({})</translation>
    </message>
    <message>
      <source>coarse flood</source>
      <translation>inondation grossière</translation>
    </message>
    <message>
      <source>DEM</source>
      <translation>MNT</translation>
    </message>
    <message>
      <source>Evaluate flood depth against a reference</source>
      <translation>Évaluer une hauteur d'eau par rapport à une référence</translation>
    </message>
    <message>
      <source>Evaluation</source>
      <translation>Évaluation</translation>
    </message>
    <message>
      <source>Scores a fine flood-depth raster (the estimate) against a reference (the truth), over cells valid in both (and inside the mask, if given). If the estimate is on another grid it is resampled (bilinear) onto the reference grid, and the log says so.

MAE, RMSE and bias of estimate - reference; RMSE over reference cells &gt;= 1 mm deep; PSNR = 20 log10(max depth) - 10 log10(MSE); SSIM with one global window; wet/dry skill at the wet threshold: hit rate TP/(TP+FN), false alarm ratio FP/(TP+FP), CSI TP/(TP+FP+FN). These match the FloodSR reference metrics.

Rasters are read block by block, so memory does not grow with their size.</source>
      <translation>Évalue un raster de hauteur d'eau fine (l'estimation) par rapport à une référence (la vérité), sur les cellules valides dans les deux (et dans le masque, s'il est fourni). Si l'estimation est sur une autre grille, elle est rééchantillonnée (bilinéaire) sur la grille de référence, et le journal le signale.

MAE, RMSE et biais de estimation - référence ; RMSE sur les cellules de référence d'au moins 1 mm ; PSNR = 20 log10(hauteur max) - 10 log10(MSE) ; SSIM avec une seule fenêtre globale ; détection sec/mouillé au seuil de mouillage : taux de détection TP/(TP+FN), taux de fausses alertes FP/(TP+FP), CSI TP/(TP+FP+FN). Ces définitions sont celles des métriques de référence de FloodSR.

Les rasters sont lus bloc par bloc, la mémoire ne croît donc pas avec leur taille.</translation>
    </message>
    <message>
      <source>The depth range used by PSNR and SSIM's constants; 5 m as in the FloodSR reference.</source>
      <translation>Plage de hauteurs utilisée par les constantes du PSNR et du SSIM ; 5 m comme dans la référence FloodSR.</translation>
    </message>
    <message>
      <source>flood,depth,accuracy,metrics,rmse,csi,ssim,validation</source>
      <translation>inondation,hauteur,précision,métriques,rmse,csi,ssim,validation</translation>
    </message>
    <message>
      <source>Estimated fine depth (m)</source>
      <translation>Hauteur fine estimée (m)</translation>
    </message>
    <message>
      <source>Reference fine depth (m)</source>
      <translation>Hauteur fine de référence (m)</translation>
    </message>
    <message>
      <source>A cell is wet when its depth is at least this.</source>
      <translation>Une cellule est mouillée quand sa hauteur atteint au moins cette valeur.</translation>
    </message>
    <message>
      <source>Only cells where the mask is non-zero (and not nodata) are scored.</source>
      <translation>Seules les cellules où le masque est non nul (et pas nodata) sont évaluées.</translation>
    </message>
    <message>
      <source>Maximum depth for PSNR and SSIM (m)</source>
      <translation>Hauteur maximale pour le PSNR et le SSIM (m)</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>Difference (estimate - reference)</source>
      <translation>Différence (estimation - référence)</translation>
    </message>
    <message>
      <source>Wet/dry confusion</source>
      <translation>Confusion sec/mouillé</translation>
    </message>
    <message>
      <source>Depth difference</source>
      <translation>Différence de hauteur</translation>
    </message>
    <message>
      <source>Wet threshold (m)</source>
      <translation>Seuil de mouillage (m)</translation>
    </message>
    <message>
      <source>Mask</source>
      <translation>Masque</translation>
    </message>
    <message>
      <source>estimate</source>
      <translation>estimation</translation>
    </message>
    <message>
      <source>reference</source>
      <translation>référence</translation>
    </message>
    <message>
      <source>mask</source>
      <translation>masque</translation>
    </message>
    <message>
      <source>Fetch a registered model</source>
      <translation>Télécharger un modèle enregistré</translation>
    </message>
    <message>
      <source>Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). The file is streamed to a temporary name, its sha256 is checked against the registry, and only then is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was.</source>
      <translation>Télécharge un modèle enregistré dans le cache des modèles (dans le profil QGIS, ou $FLOODSR_CACHE_DIR). Le fichier est écrit sous un nom temporaire, sa somme sha256 est comparée à celle du registre, et seulement ensuite il est mis en place : une somme fausse, une erreur HTTP, un délai dépassé ou une annulation laissent le cache tel quel.</translation>
    </message>
    <message>
      <source>One of the models the registry lists with a download address.</source>
      <translation>Un des modèles que le registre liste avec une adresse de téléchargement.</translation>
    </message>
    <message>
      <source>Model file</source>
      <translation>Fichier du modèle</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>Modèle</translation>
    </message>
    <message>
      <source>Downloading {} from {} into {}</source>
      <translation>Téléchargement de {} depuis {} vers {}</translation>
    </message>
    <message>
      <source>Saved {} (sha256 verified).</source>
      <translation>{} enregistré (sha256 vérifiée).</translation>
    </message>
    <message>
      <source>Import a model file</source>
      <translation>Importer un fichier de modèle</translation>
    </message>
    <message>
      <source>Checks that an ONNX file follows the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1], output [N,512,512,1]), copies it into the model cache with its sha256, and makes it selectable as 'Model' in 'Super-resolve flood depth'. A train_config.json beside it is copied too.</source>
      <translation>Vérifie qu'un fichier ONNX respecte le contrat FloodSR (entrées depth_lr [N,32,32,1] et dem_hr [N,512,512,1], sortie [N,512,512,1]), le copie dans le cache des modèles avec sa somme sha256 et le rend sélectionnable comme « Modèle » dans « Super-résolution de la hauteur d'eau ». Un train_config.json placé à côté est copié aussi.</translation>
    </message>
    <message>
      <source>ONNX model file</source>
      <translation>Fichier de modèle ONNX</translation>
    </message>
    <message>
      <source>How the model is listed: letters, digits, '.', '_' or '-'.</source>
      <translation>Nom sous lequel le modèle est listé : lettres, chiffres, « . », « _ » ou « - ».</translation>
    </message>
    <message>
      <source>Model file in the cache</source>
      <translation>Fichier du modèle dans le cache</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Imported {} ({}); sha256 {}.</source>
      <translation>{} importé ({}) ; sha256 {}.</translation>
    </message>
    <message>
      <source>Install onnxruntime</source>
      <translation>Installer onnxruntime</translation>
    </message>
    <message>
      <source>Installs {} for the Python that QGIS runs on, into a private folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a folder of wheels, for this Python and platform. The log shows the exact pip command and its output.</source>
      <translation>Installe {} pour le Python sur lequel tourne QGIS, dans un dossier privé du profil QGIS (un par version de Python et plateforme, ici {}). pip est lancé avec --no-deps : numpy et tous les autres paquets fournis avec QGIS restent exactement tels quels. Hors ligne : indiquez un fichier wheel, ou un dossier de wheels, pour ce Python et cette plateforme. Le journal montre la commande pip exacte et sa sortie.</translation>
    </message>
    <message>
      <source>An onnxruntime .whl for this Python and platform. Leave both empty to download from the Python Package Index.</source>
      <translation>Un fichier .whl d'onnxruntime pour ce Python et cette plateforme. Laissez les deux vides pour télécharger depuis le Python Package Index.</translation>
    </message>
    <message>
      <source>A folder searched for a matching onnxruntime wheel; nothing is downloaded.</source>
      <translation>Un dossier où chercher une wheel d'onnxruntime adaptée ; rien n'est téléchargé.</translation>
    </message>
    <message>
      <source>Install folder</source>
      <translation>Dossier d'installation</translation>
    </message>
    <message>
      <source>onnxruntime version</source>
      <translation>Version d'onnxruntime</translation>
    </message>
    <message>
      <source>Local wheel file (offline install)</source>
      <translation>Fichier wheel local (installation hors ligne)</translation>
    </message>
    <message>
      <source>Local folder of wheels (offline install)</source>
      <translation>Dossier local de wheels (installation hors ligne)</translation>
    </message>
    <message>
      <source>onnxruntime {} is ready in {}.</source>
      <translation>onnxruntime {} est prêt dans {}.</translation>
    </message>
    <message>
      <source>List models</source>
      <translation>Lister les modèles</translation>
    </message>
    <message>
      <source>Lists the registered models (bundled, downloadable and imported): whether each is in the cache, its size and whether its file matches the registered sha256. Writes an HTML table and the log.</source>
      <translation>Liste les modèles enregistrés (intégrés, téléchargeables et importés) : présence dans le cache, taille, et conformité du fichier à la somme sha256 enregistrée. Écrit un tableau HTML et le journal.</translation>
    </message>
    <message>
      <source>Model list</source>
      <translation>Liste des modèles</translation>
    </message>
    <message>
      <source>FloodSR models</source>
      <translation>Modèles FloodSR</translation>
    </message>
    <message>
      <source>Models (cache: {})</source>
      <translation>Modèles (cache : {})</translation>
    </message>
    <message>
      <source>FloodSR flood-depth super-resolution</source>
      <translation>FloodSR, super-résolution de hauteurs d'eau</translation>
    </message>
    <message>
      <source>Models and setup</source>
      <translation>Modèles et installation</translation>
    </message>
    <message>
      <source>Super-resolve flood depth</source>
      <translation>Super-résolution de la hauteur d'eau</translation>
    </message>
    <message>
      <source>Super-resolution</source>
      <translation>Super-résolution</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.</source>
      <translation>Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.</translation>
    </message>
    <message>
      <source>flood,depth,downscale,super-resolution,DEM,onnx,neural network</source>
      <translation>inondation,hauteur,affinage,super-résolution,MNT,onnx,réseau de neurones</translation>
    </message>
    <message>
      <source>Water depth in metres from a coarse model run, e.g. 30 m cells. Not water-surface elevation.</source>
      <translation>Hauteur d'eau en mètres issue d'une simulation grossière, par exemple des cellules de 30 m. Pas une cote de surface libre.</translation>
    </message>
    <message>
      <source>Depth band</source>
      <translation>Bande de hauteur</translation>
    </message>
    <message>
      <source>Bare-earth elevation in metres at the resolution you want, e.g. 2 m. The output uses its grid.</source>
      <translation>Altitude du sol nu en mètres à la résolution voulue, par exemple 2 m. La sortie utilise sa grille.</translation>
    </message>
    <message>
      <source>A registered model. The bundled model works offline; others must be fetched first ('Fetch a registered model').</source>
      <translation>Un modèle enregistré. Le modèle intégré fonctionne hors ligne ; les autres doivent d'abord être téléchargés (« Télécharger un modèle enregistré »).</translation>
    </message>
    <message>
      <source>Any ONNX file with the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1]).</source>
      <translation>Tout fichier ONNX respectant le contrat FloodSR (entrées depth_lr [N,32,32,1] et dem_hr [N,512,512,1]).</translation>
    </message>
    <message>
      <source>Execution provider used</source>
      <translation>Fournisseur d'exécution utilisé</translation>
    </message>
    <message>
      <source>Number of tiles</source>
      <translation>Nombre de tuiles</translation>
    </message>
    <message>
      <source>Overlap of neighbouring tiles in coarse pixels; 8 (128 model pixels) is what the model was run with.</source>
      <translation>Recouvrement des tuiles voisines en pixels grossiers ; 8 (128 pixels du modèle) est la valeur avec laquelle le modèle a été utilisé.</translation>
    </message>
    <message>
      <source>feather: overlapping tiles weighted by ramps (no seams). hard: tiles side by side, no overlap.</source>
      <translation>feather : tuiles qui se recouvrent, pondérées par des rampes (sans coutures). hard : tuiles côte à côte, sans recouvrement.</translation>
    </message>
    <message>
      <source>Depth cap of the normalisation. Leave empty to use the model's own (5 m for ResUNet_16x_DEM).</source>
      <translation>Hauteur plafond de la normalisation. Laissez vide pour celle du modèle (5 m pour ResUNet_16x_DEM).</translation>
    </message>
    <message>
      <source>Per-tile DEM percentile above which elevations are clipped. Leave empty for the model's own (95).</source>
      <translation>Centile du MNT de chaque tuile au-dessus duquel les altitudes sont écrêtées. Laissez vide pour celui du modèle (95).</translation>
    </message>
    <message>
      <source>auto picks CUDA, DirectML or CoreML when onnxruntime has them, else the CPU.</source>
      <translation>auto choisit CUDA, DirectML ou CoreML quand onnxruntime les propose, sinon le CPU.</translation>
    </message>
    <message>
      <source>GeoTIFF compression (with the floating-point predictor).</source>
      <translation>Compression du GeoTIFF (avec le prédicteur à virgule flottante).</translation>
    </message>
    <message>
      <source>Adds overviews and the COG layout, for serving the result over HTTP.</source>
      <translation>Ajoute des aperçus et l'organisation COG, pour servir le résultat par HTTP.</translation>
    </message>
    <message>
      <source>Coarse water depth (m)</source>
      <translation>Hauteur d'eau grossière (m)</translation>
    </message>
    <message>
      <source>Model file (overrides Model)</source>
      <translation>Fichier de modèle (remplace Modèle)</translation>
    </message>
    <message>
      <source>Tile overlap (coarse pixels)</source>
      <translation>Recouvrement des tuiles (pixels grossiers)</translation>
    </message>
    <message>
      <source>Tile blending</source>
      <translation>Fusion des tuiles</translation>
    </message>
    <message>
      <source>Maximum depth (m)</source>
      <translation>Hauteur maximale (m)</translation>
    </message>
    <message>
      <source>DEM clip percentile</source>
      <translation>Centile d'écrêtage du MNT</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>Périphérique</translation>
    </message>
    <message>
      <source>Write a Cloud-Optimized GeoTIFF</source>
      <translation>Écrire un GeoTIFF optimisé pour le cloud (COG)</translation>
    </message>
    <message>
      <source>depth</source>
      <translation>hauteur</translation>
    </message>
    <message>
      <source>Done in {:.1f} s ({:.1f} s in the model); maximum depth {:.2f} m, wet fraction {:.1%}.</source>
      <translation>Terminé en {:.1f} s ({:.1f} s dans le modèle) ; hauteur maximale {:.2f} m, fraction mouillée {:.1%}.</translation>
    </message>
    <message>
      <source>Model number {} does not exist; choose 0 to {}.</source>
      <translation>Le modèle numéro {} n'existe pas ; choisissez entre 0 et {}.</translation>
    </message>
    <message>
      <source>The model {} is not downloaded yet. Run 'Fetch a registered model' (floodsr:fetchmodel) for it, or give a local file in 'Model file'.</source>
      <translation>Le modèle {} n'est pas encore téléchargé. Lancez « Télécharger un modèle enregistré » (floodsr:fetchmodel) pour lui, ou indiquez un fichier local dans « Fichier de modèle ».</translation>
    </message>
    <message>
      <source>The band to read; band 1 when left empty.</source>
      <translation>La bande à lire ; la bande 1 si le champ est vide.</translation>
    </message>
    <message>
      <source>Where to write the HTML report; the same text goes to the log.</source>
      <translation>Où écrire le rapport HTML ; le même texte va dans le journal.</translation>
    </message>
    <message>
      <source>The downscaling method; see the algorithm's help for what each one does.</source>
      <translation>La méthode d'affinage ; l'aide de l'algorithme décrit chacune d'elles.</translation>
    </message>
    <message>
      <source>A GeoTIFF (.tif) on the DEM's grid; it appears only when the run succeeds.</source>
      <translation>Un GeoTIFF (.tif) sur la grille du MNT ; il n'apparaît que si l'exécution réussit.</translation>
    </message>
    <message>
      <source>The depth map to score, e.g. the output of 'Super-resolve flood depth'.</source>
      <translation>La carte de hauteurs à évaluer, par exemple la sortie de « Super-résolution de la hauteur d'eau ».</translation>
    </message>
    <message>
      <source>The depth taken as true, e.g. a fine hydraulic simulation; its grid is used.</source>
      <translation>La hauteur tenue pour vraie, par exemple une simulation hydraulique fine ; sa grille est utilisée.</translation>
    </message>
    <message>
      <source>An HTML page with the scores, their definitions and a picture of the difference map.</source>
      <translation>Une page HTML avec les scores, leurs définitions et une image de la carte des différences.</translation>
    </message>
    <message>
      <source>Estimate minus reference in metres, on the reference grid; nodata where not scored.</source>
      <translation>Estimation moins référence en mètres, sur la grille de référence ; nodata là où rien n'est évalué.</translation>
    </message>
    <message>
      <source>0 both dry, 1 hit, 2 false alarm (estimate wet only), 3 miss (reference wet only); 255 not scored.</source>
      <translation>0 sec des deux côtés, 1 détection, 2 fausse alerte (seule l'estimation est mouillée), 3 manqué (seule la référence est mouillée) ; 255 non évalué.</translation>
    </message>
    <message>
      <source>An .onnx file made for FloodSR; it is checked before anything is copied.</source>
      <translation>Un fichier .onnx fait pour FloodSR ; il est vérifié avant toute copie.</translation>
    </message>
    <message>
      <source>Where to write the HTML table; the same text goes to the log.</source>
      <translation>Où écrire le tableau HTML ; le même texte va dans le journal.</translation>
    </message>
  </context>
</TS>