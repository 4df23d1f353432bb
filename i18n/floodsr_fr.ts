<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
  <context>
    <name>FloodSR</name>
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
      <source>Classic downscaling</source>
      <translation>Affinage classique</translation>
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
      <source>ONNX model file</source>
      <translation>Fichier de modèle ONNX</translation>
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
      <source>An onnxruntime .whl for this Python and platform. Leave both empty to download from the Python Package Index.</source>
      <translation>Un fichier .whl d'onnxruntime pour ce Python et cette plateforme. Laissez les deux vides pour télécharger depuis le Python Package Index.</translation>
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
      <source>The model {} is not downloaded yet. Run 'Fetch a registered model' (floodsr:fetchmodel) for it, or give a local file in 'Model file'.</source>
      <translation type="vanished">Le modèle {} n'est pas encore téléchargé. Lancez « Télécharger un modèle enregistré » (floodsr:fetchmodel) pour lui, ou indiquez un fichier local dans « Fichier de modèle ».</translation>
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
      <translation type="vanished">La hauteur tenue pour vraie, par exemple une simulation hydraulique fine ; sa grille est utilisée.</translation>
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
    <message>
      <source>Mean absolute error (m)</source>
      <translation>Erreur absolue moyenne (m)</translation>
    </message>
    <message>
      <source>Root mean squared error (m)</source>
      <translation>Erreur quadratique moyenne (m)</translation>
    </message>
    <message>
      <source>Bias, estimate minus reference (m)</source>
      <translation>Biais, estimation moins référence (m)</translation>
    </message>
    <message>
      <source>RMSE where the reference is wet (m)</source>
      <translation>RMSE là où la référence est mouillée (m)</translation>
    </message>
    <message>
      <source>Peak signal-to-noise ratio (dB)</source>
      <translation>Rapport signal sur bruit de crête (dB)</translation>
    </message>
    <message>
      <source>Structural similarity (global)</source>
      <translation>Similarité structurelle (globale)</translation>
    </message>
    <message>
      <source>Critical success index</source>
      <translation>Indice de succès critique (CSI)</translation>
    </message>
    <message>
      <source>Hit rate</source>
      <translation>Taux de détection</translation>
    </message>
    <message>
      <source>False alarm ratio</source>
      <translation>Taux de fausses alertes</translation>
    </message>
    <message>
      <source>This model does not follow the FloodSR contract: {reason}. FloodSR needs inputs {depth_input} [N,32,32,1] and {dem_input} [N,512,512,1] and an output [N,512,512,1] (float32, NHWC), like ResUNet_16x_DEM; pick a model made for FloodSR.</source>
      <translation>Ce modèle ne respecte pas le contrat FloodSR : {reason}. FloodSR attend les entrées {depth_input} [N,32,32,1] et {dem_input} [N,512,512,1] et une sortie [N,512,512,1] (float32, NHWC), comme ResUNet_16x_DEM ; choisissez un modèle conçu pour FloodSR.</translation>
    </message>
    <message>
      <source>input</source>
      <translation>l'entrée</translation>
    </message>
    <message>
      <source>output</source>
      <translation>la sortie</translation>
    </message>
    <message>
      <source>it has no input named {missing} (its inputs: {inputs})</source>
      <translation>il n'a pas d'entrée nommée {missing} (ses entrées : {inputs})</translation>
    </message>
    <message>
      <source>it has no output</source>
      <translation>il n'a pas de sortie</translation>
    </message>
    <message>
      <source>input {dem_input} is {dem_shape} but output {output} is {output_shape}; they must match</source>
      <translation>l'entrée {dem_input} mesure {dem_shape} mais la sortie {output} mesure {output_shape} ; elles doivent être identiques</translation>
    </message>
    <message>
      <source>tiles must be square, got {depth_shape} and {dem_shape}</source>
      <translation>les tuiles doivent être carrées, reçu {depth_shape} et {dem_shape}</translation>
    </message>
    <message>
      <source>{dem_input} ({hr} px) is not a whole multiple (&gt;= 2) of {depth_input} ({lr} px)</source>
      <translation>{dem_input} ({hr} px) n'est pas un multiple entier (&gt;= 2) de {depth_input} ({lr} px)</translation>
    </message>
    <message>
      <source>{path} is not readable JSON ({error}). Fix or remove it; the model runs with defaults without it.</source>
      <translation>{path} n'est pas un JSON lisible ({error}). Corrigez-le ou supprimez-le ; sans lui, le modèle tourne avec les valeurs par défaut.</translation>
    </message>
    <message>
      <source>{role} {name} is {type}, not float32</source>
      <translation>{role} {name} est de type {type}, pas float32</translation>
    </message>
    <message>
      <source>{role} {name} has shape {shape}, not [N, H, W, 1] (NHWC)</source>
      <translation>{role} {name} a la forme {shape}, pas [N, H, W, 1] (NHWC)</translation>
    </message>
    <message>
      <source>{role} {name} has shape {shape}; H, W and C must be fixed integers</source>
      <translation>{role} {name} a la forme {shape} ; H, W et C doivent être des entiers fixes</translation>
    </message>
    <message>
      <source>{role} {name} has shape {shape}; the contract needs one channel last, [N, H, W, 1]</source>
      <translation>{role} {name} a la forme {shape} ; le contrat exige un seul canal en dernier, [N, H, W, 1]</translation>
    </message>
    <message>
      <source>{role} {name} has shape {shape} (it looks channels-first, NCHW); the contract needs one channel last, [N, H, W, 1]</source>
      <translation>{role} {name} a la forme {shape} (canaux en premier, NCHW, semble-t-il) ; le contrat exige un seul canal en dernier, [N, H, W, 1]</translation>
    </message>
    <message>
      <source>No output cell has a valid DEM value; check the DEM's nodata value and coverage.</source>
      <translation>Aucune cellule de sortie n'a de valeur de MNT valide ; vérifiez la valeur nodata du MNT et son emprise.</translation>
    </message>
    <message>
      <source>The model {name} is bundled with the plugin or has no download address; nothing to fetch.</source>
      <translation>Le modèle {name} est fourni avec l'extension ou n'a pas d'adresse de téléchargement ; rien à télécharger.</translation>
    </message>
    <message>
      <source>The download of {name} from {url} is corrupt or not the registered file: its sha256 is {digest}, the registry expects {expected}. Nothing was saved; try again later or check the address.</source>
      <translation>Le téléchargement de {name} depuis {url} est corrompu ou n'est pas le fichier enregistré : son sha256 est {digest}, le registre attend {expected}. Rien n'a été enregistré ; réessayez plus tard ou vérifiez l'adresse.</translation>
    </message>
    <message>
      <source>Downloading {name} failed: the server answered HTTP {status} ({reason}) for {url}. Check the address or try again later.</source>
      <translation>Le téléchargement de {name} a échoué : le serveur a répondu HTTP {status} ({reason}) pour {url}. Vérifiez l'adresse ou réessayez plus tard.</translation>
    </message>
    <message>
      <source>Downloading {name} stopped after {received:,} of {expected:,} bytes. Try again.</source>
      <translation>Le téléchargement de {name} s'est arrêté après {received:,} octets sur {expected:,}. Réessayez.</translation>
    </message>
    <message>
      <source>Unknown method {method!r}; use one of {choices}.</source>
      <translation>Méthode inconnue {method!r} ; utilisez l'une de : {choices}.</translation>
    </message>
    <message>
      <source>Unknown input type {input_type!r}; use 'depth' or 'wse'.</source>
      <translation>Type d'entrée inconnu {input_type!r} ; utilisez 'depth' ou 'wse'.</translation>
    </message>
    <message>
      <source>water-surface elevation</source>
      <translation>altitude de la surface de l'eau</translation>
    </message>
    <message>
      <source>coarse water-surface elevation</source>
      <translation>altitude grossière de la surface de l'eau</translation>
    </message>
    <message>
      <source>{method}: {width} x {height} coarse cells -&gt; {fine_width} x {fine_height} fine cells (x{factor:.4g}).</source>
      <translation>{method} : {width} x {height} cellules grossières -&gt; {fine_width} x {fine_height} cellules fines (x{factor:.4g}).</translation>
    </message>
    <message>
      <source>The wet threshold and the maximum depth must both be above 0 m.</source>
      <translation>Le seuil de mouillage et la hauteur maximale doivent tous deux être supérieurs à 0 m.</translation>
    </message>
    <message>
      <source>The {role} raster {path} does not overlap the reference raster. Compare rasters of the same area.</source>
      <translation>Le raster « {role} » {path} ne recouvre pas le raster de référence. Comparez des rasters de la même zone.</translation>
    </message>
    <message>
      <source>The {role} raster is on another grid than the reference: it was resampled onto the reference grid ({resampling}) before scoring.</source>
      <translation>Le raster « {role} » est sur une autre grille que la référence : il a été rééchantillonné sur la grille de référence ({resampling}) avant le calcul des scores.</translation>
    </message>
    <message>
      <source>reference (truth)</source>
      <translation>référence (vérité terrain)</translation>
    </message>
    <message>
      <source>No cell has valid values in both rasters (and inside the mask). Check that they cover the same area and their nodata values.</source>
      <translation>Aucune cellule n'a de valeurs valides dans les deux rasters (et dans le masque). Vérifiez qu'ils couvrent la même zone, ainsi que leurs valeurs nodata.</translation>
    </message>
    <message>
      <source>The {role} raster {path} has no valid cells (all nodata). Check its nodata value or choose another band.</source>
      <translation>Le raster « {role} » {path} n'a aucune cellule valide (tout est nodata). Vérifiez sa valeur nodata ou choisissez une autre bande.</translation>
    </message>
    <message>
      <source>The {role} raster {path} is in a geographic CRS (degrees), so its cells are not a fixed size on the ground. Warp it to a projected CRS in metres (e.g. the local UTM zone) first; FloodSR never resamples the coarse grid itself.</source>
      <translation>Le raster « {role} » {path} est dans un SCR géographique (degrés) : ses cellules n'ont donc pas une taille fixe au sol. Reprojetez-le d'abord dans un SCR projeté en mètres (par ex. la zone UTM locale) ; FloodSR ne rééchantillonne jamais lui-même la grille grossière.</translation>
    </message>
    <message>
      <source>The DEM {path} has no valid cells inside the {role} raster's extent. Use a DEM that covers the flood area, or check its nodata value.</source>
      <translation>Le MNT {path} n'a aucune cellule valide dans l'emprise du raster « {role} ». Utilisez un MNT qui couvre la zone inondée, ou vérifiez sa valeur nodata.</translation>
    </message>
    <message>
      <source>The DEM {path} does not overlap the {role} raster (DEM extent {dem_extent}, {role} extent {extent}, in the {role} raster's CRS). Use a DEM of the same area, and check both CRSs are right.</source>
      <translation>Le MNT {path} ne recouvre pas le raster « {role} » (emprise du MNT {dem_extent}, emprise « {role} » {extent}, dans le SCR du raster « {role} »). Utilisez un MNT de la même zone, et vérifiez que les deux SCR sont corrects.</translation>
    </message>
    <message>
      <source>The DEM's cells ({dem_dx:.4g} x {dem_dy:.4g}) are not finer than the {role} raster's ({dx:.4g} x {dy:.4g}). FloodSR needs a coarse {role} raster and a fine DEM (e.g. 32 m with a 2 m DEM); check the inputs are not swapped.</source>
      <translation>Les cellules du MNT ({dem_dx:.4g} x {dem_dy:.4g}) ne sont pas plus fines que celles du raster « {role} » ({dx:.4g} x {dy:.4g}). FloodSR attend un raster « {role} » grossier et un MNT fin (par ex. 32 m avec un MNT à 2 m) ; vérifiez que les entrées ne sont pas inversées.</translation>
    </message>
    <message>
      <source>The DEM's CRS ({dem_crs}) differs from the {role} raster's ({crs}): the DEM is reprojected on the fly, and the output is written in the {role} raster's CRS with {dx:.4g} x {dy:.4g} cells.</source>
      <translation type="vanished">Le SCR du MNT ({dem_crs}) diffère de celui du raster « {role} » ({crs}) : le MNT est reprojeté à la volée, et la sortie est écrite dans le SCR du raster « {role} » avec des cellules de {dx:.4g} x {dy:.4g}.</translation>
    </message>
    <message>
      <source>The {role} raster's edges fall inside DEM cells; the output is snapped to the nearest DEM cell edges.</source>
      <translation>Les bords du raster « {role} » tombent à l'intérieur de cellules du MNT ; la sortie est calée sur les bords de cellule du MNT les plus proches.</translation>
    </message>
    <message>
      <source>Model name {name!r} is not usable: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.</source>
      <translation>Le nom de modèle {name!r} n'est pas utilisable : utilisez de 1 à 64 lettres, chiffres, '.', '_' ou '-', en commençant par une lettre ou un chiffre.</translation>
    </message>
    <message>
      <source>Model {model} on {device} ({lr_tile} -&gt; {hr_tile} px tiles, x{scale}).</source>
      <translation>Modèle {model} sur {device} (tuiles de {lr_tile} -&gt; {hr_tile} px, x{scale}).</translation>
    </message>
    <message>
      <source>Depth grid {width} x {height} cells of {cell:.4g} m; model grid {model_width} x {model_height} of {model_cell:.4g} m; output grid {output_width} x {output_height} of {output_cell:.4g} m.</source>
      <translation>Grille de hauteur {width} x {height} cellules de {cell:.4g} m ; grille du modèle {model_width} x {model_height} de {model_cell:.4g} m ; grille de sortie {output_width} x {output_height} de {output_cell:.4g} m.</translation>
    </message>
    <message>
      <source>Unknown blend mode {blend!r}; use one of {choices}.</source>
      <translation>Mode de fusion inconnu {blend!r} ; utilisez l'un de : {choices}.</translation>
    </message>
    <message>
      <source>Overlap {overlap} is out of range: use 0 to {maximum} coarse pixels (default {default}).</source>
      <translation>Le recouvrement {overlap} est hors limites : utilisez de 0 à {maximum} pixels grossiers (par défaut {default}).</translation>
    </message>
    <message>
      <source>Maximum depth must be above 0 m (got {value}).</source>
      <translation>La hauteur maximale doit être supérieure à 0 m (reçu {value}).</translation>
    </message>
    <message>
      <source>DEM clip percentile must be in (0, 100] (got {value}).</source>
      <translation>Le centile d'écrêtage du MNT doit être dans ]0, 100] (reçu {value}).</translation>
    </message>
    <message>
      <source>Super-resolving tiles on the model grid</source>
      <translation>Super-résolution des tuiles sur la grille du modèle</translation>
    </message>
    <message>
      <source>Resampling onto the DEM grid</source>
      <translation>Rééchantillonnage sur la grille du MNT</translation>
    </message>
    <message>
      <source>intermediate</source>
      <translation>intermédiaire</translation>
    </message>
    <message>
      <source>Super-resolving tiles</source>
      <translation>Super-résolution des tuiles</translation>
    </message>
    <message>
      <source>The {role} raster {path} has {count} band(s); band {index} does not exist. Pick a band from 1 to {count}.</source>
      <translation>Le raster « {role} » {path} a {count} bande(s) ; la bande {index} n'existe pas. Choisissez une bande de 1 à {count}.</translation>
    </message>
    <message>
      <source>The {role} raster {path} has no coordinate reference system. Assign its CRS (Raster &gt; Projections &gt; Assign Projection) and run again.</source>
      <translation>Le raster « {role} » {path} n'a pas de système de coordonnées de référence. Attribuez-lui son SCR (Raster &gt; Projections &gt; Assigner une projection) et relancez.</translation>
    </message>
    <message>
      <source>The {role} raster {path} is rotated. Warp it to a north-up grid (Raster &gt; Projections &gt; Warp) first.</source>
      <translation>Le raster « {role} » {path} est pivoté. Reprojetez-le d'abord sur une grille orientée nord (Raster &gt; Projections &gt; Projection (warp)).</translation>
    </message>
    <message>
      <source>The {role} raster {path} is not north-up (its rows run south to north). Warp it to a north-up grid first.</source>
      <translation>Le raster « {role} » {path} n'est pas orienté nord (ses lignes vont du sud au nord). Reprojetez-le d'abord sur une grille orientée nord.</translation>
    </message>
    <message>
      <source>The {role} raster {path} cannot be opened by GDAL ({error}). Check the path and format.</source>
      <translation>Le raster « {role} » {path} ne peut pas être ouvert par GDAL ({error}). Vérifiez le chemin et le format.</translation>
    </message>
    <message>
      <source>No model named {name!r} is registered (known: {known}).</source>
      <translation>Aucun modèle nommé {name!r} n'est enregistré (connus : {known}).</translation>
    </message>
    <message>
      <source>Cells scored: {cells:,}; wet threshold {threshold:g} m; maximum depth {max_depth:g} m (hits {hits:,}, false alarms {false_alarms:,}, misses {misses:,}, correct dry {correct_dry:,}).</source>
      <translation>Cellules évaluées : {cells:,} ; seuil de mouillage {threshold:g} m ; hauteur maximale {max_depth:g} m (détections {hits:,}, fausses alertes {false_alarms:,}, manqués {misses:,}, secs corrects {correct_dry:,}).</translation>
    </message>
    <message>
      <source>Red: estimate too deep; blue: too shallow; white: equal; grey: not scored. Colour range +/- {span:.3g} m (99th percentile of |difference|), every {step} cell(s) shown.</source>
      <translation type="vanished">Rouge : estimation trop profonde ; bleu : trop peu profonde ; blanc : égale ; gris : non évalué. Plage de couleurs +/- {span:.3g} m (99e centile de |différence|), une cellule sur {step} affichée.</translation>
    </message>
    <message>
      <source>Made {time} by FloodSR.</source>
      <translation>Produit le {time} par FloodSR.</translation>
    </message>
    <message>
      <source>MAE (m)</source>
      <translation>MAE (m)</translation>
    </message>
    <message>
      <source>mean |estimate - reference|</source>
      <translation>moyenne de |estimation - référence|</translation>
    </message>
    <message>
      <source>RMSE (m)</source>
      <translation>RMSE (m)</translation>
    </message>
    <message>
      <source>root mean squared difference</source>
      <translation>racine de la moyenne des carrés des différences</translation>
    </message>
    <message>
      <source>Bias (m)</source>
      <translation>Biais (m)</translation>
    </message>
    <message>
      <source>mean (estimate - reference); &gt; 0 means too deep</source>
      <translation>moyenne de (estimation - référence) ; &gt; 0 signifie trop profond</translation>
    </message>
    <message>
      <source>RMSE wet (m)</source>
      <translation>RMSE mouillé (m)</translation>
    </message>
    <message>
      <source>RMSE over cells where the reference is &gt;= 1 mm deep</source>
      <translation>RMSE sur les cellules où la référence a une hauteur &gt;= 1 mm</translation>
    </message>
    <message>
      <source>PSNR (dB)</source>
      <translation>PSNR (dB)</translation>
    </message>
    <message>
      <source>20 log10(max depth) - 10 log10(MSE)</source>
      <translation>20 log10(hauteur max.) - 10 log10(MSE)</translation>
    </message>
    <message>
      <source>SSIM</source>
      <translation>SSIM</translation>
    </message>
    <message>
      <source>structural similarity, one global window</source>
      <translation>similarité structurelle, une seule fenêtre globale</translation>
    </message>
    <message>
      <source>CSI</source>
      <translation>CSI</translation>
    </message>
    <message>
      <source>critical success index TP / (TP + FP + FN)</source>
      <translation>indice de succès critique VP / (VP + FP + FN)</translation>
    </message>
    <message>
      <source>TP / (TP + FN)</source>
      <translation>VP / (VP + FN)</translation>
    </message>
    <message>
      <source>FP / (TP + FP)</source>
      <translation>FP / (VP + FP)</translation>
    </message>
    <message>
      <source>Estimate</source>
      <translation>Estimation</translation>
    </message>
    <message>
      <source>Reference</source>
      <translation>Référence</translation>
    </message>
    <message>
      <source>Metric</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>Valeur</translation>
    </message>
    <message>
      <source>Definition</source>
      <translation>Définition</translation>
    </message>
    <message>
      <source>Difference map (estimate - reference)</source>
      <translation>Carte des différences (estimation - référence)</translation>
    </message>
    <message>
      <source>Flood depth evaluation</source>
      <translation>Évaluation de la hauteur d'eau</translation>
    </message>
    <message>
      <source>No Python {version} interpreter was found next to QGIS (looked in {prefix}). Install onnxruntime with the pip of QGIS's Python instead (on Windows: the OSGeo4W Shell, 'pip install onnxruntime').</source>
      <translation>Aucun interpréteur Python {version} n'a été trouvé à côté de QGIS (recherché dans {prefix}). Installez plutôt onnxruntime avec le pip du Python de QGIS (sous Windows : l'OSGeo4W Shell, 'pip install onnxruntime').</translation>
    </message>
    <message>
      <source>Running: {command}</source>
      <translation>Exécution : {command}</translation>
    </message>
    <message>
      <source>{path} is neither a wheel file nor a folder of wheels.</source>
      <translation>{path} n'est ni un fichier wheel ni un dossier de wheels.</translation>
    </message>
    <message>
      <source>Unknown device {device!r}; use one of {choices}.</source>
      <translation>Périphérique inconnu {device!r} ; utilisez l'un de : {choices}.</translation>
    </message>
    <message>
      <source>Device {device!r} needs onnxruntime's {provider}, which this onnxruntime does not have (it has {available}). Choose 'auto' or 'cpu', or install an onnxruntime build with it.</source>
      <translation>Le périphérique {device!r} nécessite le {provider} d'onnxruntime, que cet onnxruntime n'a pas (il a {available}). Choisissez 'auto' ou 'cpu', ou installez une version d'onnxruntime qui le contient.</translation>
    </message>
    <message>
      <source>Model file {path} does not exist. Check the path or fetch the model again.</source>
      <translation>Le fichier de modèle {path} n'existe pas. Vérifiez le chemin ou téléchargez à nouveau le modèle.</translation>
    </message>
    <message>
      <source>{path} could not be loaded as an ONNX model ({error}). The file is corrupt, truncated or not ONNX: download or export it again.</source>
      <translation>{path} n'a pas pu être chargé comme modèle ONNX ({error}). Le fichier est corrompu, tronqué ou n'est pas un ONNX : téléchargez-le ou exportez-le à nouveau.</translation>
    </message>
    <message>
      <source>The output {path} must be a GeoTIFF: give it a .tif extension.</source>
      <translation>La sortie {path} doit être un GeoTIFF : donnez-lui l'extension .tif.</translation>
    </message>
    <message>
      <source>The output {path} is a folder; give a file name ending in .tif.</source>
      <translation>La sortie {path} est un dossier ; donnez un nom de fichier se terminant par .tif.</translation>
    </message>
    <message>
      <source>The output folder {folder} does not exist. Create it or choose another folder.</source>
      <translation>Le dossier de sortie {folder} n'existe pas. Créez-le ou choisissez un autre dossier.</translation>
    </message>
    <message>
      <source>The output {path} cannot be written (no permission). Choose a folder you can write to.</source>
      <translation>La sortie {path} ne peut pas être écrite (permission refusée). Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
      <source>Unknown compression {compression!r}; use one of {choices}.</source>
      <translation>Compression inconnue {compression!r} ; utilisez l'une de : {choices}.</translation>
    </message>
    <message>
      <source>Cancelled by the user; no output was written.</source>
      <translation>Annulé par l'utilisateur ; aucune sortie n'a été écrite.</translation>
    </message>
    <message>
      <source>Style {} not applied: {}</source>
      <translation>Style {} non appliqué : {}</translation>
    </message>
    <message>
      <source>Downscaling onto {width} x {height} cells</source>
      <translation>La descente d'échelle sur {width} x {height} cellules</translation>
    </message>
    <message>
      <source>The estimate and the reference are the same raster ({path}, band {band}): the scores would be perfect by construction. Choose the reference (truth) raster in 'Reference fine depth'.</source>
      <translation>L'estimation et la référence sont le même raster ({path}, bande {band}) : les scores seraient parfaits par construction. Choisissez le raster de référence (vérité) dans « Hauteur fine de référence ».</translation>
    </message>
    <message>
      <source>The output {path} is the input {source}; FloodSR never writes over its inputs. Choose another file name.</source>
      <translation>La sortie {path} est l'entrée {source} ; FloodSR n'écrit jamais sur ses entrées. Choisissez un autre nom de fichier.</translation>
    </message>
    <message>
      <source>The outputs {path} and {other} are the same file; give each output its own name.</source>
      <translation>Les sorties {path} et {other} sont le même fichier ; donnez à chaque sortie son propre nom.</translation>
    </message>
    <message>
      <source>The output {path} is a folder; give a file name.</source>
      <translation>La sortie {path} est un dossier ; donnez un nom de fichier.</translation>
    </message>
    <message>
      <source>{job} would need about {needed:.1f} GB of memory, but this machine has {available:.1f} GB available. Split the area into smaller rasters (Clip Raster by Extent), use coarser cells, or free memory first.</source>
      <translation>{job} demanderait environ {needed:.1f} Go de mémoire, mais cette machine n'en a que {available:.1f} Go de disponibles. Découpez la zone en rasters plus petits (Découper un raster selon une emprise), utilisez des cellules plus grossières ou libérez de la mémoire d'abord.</translation>
    </message>
    <message>
      <source>The download of {name} from {url} is larger than the registered {size:,} bytes; it was stopped and nothing was saved. The address may be wrong or the server misbehaving.</source>
      <translation>Le téléchargement de {name} depuis {url} dépasse les {size:,} octets enregistrés ; il a été arrêté et rien n'a été conservé. L'adresse est peut-être fausse ou le serveur défaillant.</translation>
    </message>
    <message>
      <source>The server announces {announced:,} bytes for {name}, far more than the registered {size:,}; nothing was downloaded. The address may be wrong.</source>
      <translation>Le serveur annonce {announced:,} octets pour {name}, bien plus que les {size:,} enregistrés ; rien n'a été téléchargé. L'adresse est peut-être fausse.</translation>
    </message>
    <message>
      <source>{name} is the name of a bundled or published model; an import cannot replace it. Choose another name.</source>
      <translation>{name} est le nom d'un modèle fourni ou publié ; un import ne peut pas le remplacer. Choisissez un autre nom.</translation>
    </message>
    <message>
      <source>The file name {file_name!r} of model {name} is not a plain file name (letters, digits, '.', '_' or '-', no folders); it is refused.</source>
      <translation>Le nom de fichier {file_name!r} du modèle {name} n'est pas un simple nom de fichier (lettres, chiffres, « . », « _ » ou « - », sans dossier) ; il est refusé.</translation>
    </message>
    <message>
      <source>The file of model {name} ({path}) no longer matches its registered sha256: it was changed or damaged. Fetch it again (floodsr:fetchmodel) or import it again (floodsr:importmodel).</source>
      <translation type="vanished">Le fichier du modèle {name} ({path}) ne correspond plus à son sha256 enregistré : il a été modifié ou endommagé. Téléchargez-le à nouveau (floodsr:fetchmodel) ou importez-le à nouveau (floodsr:importmodel).</translation>
    </message>
    <message>
      <source>The plugin's model registry {path} is damaged ({problem}). Reinstall FloodSR.</source>
      <translation>Le registre des modèles de l'extension {path} est endommagé ({problem}). Réinstallez FloodSR.</translation>
    </message>
    <message>
      <source>The model {name} would be stored at {path}, outside the model folder {root}; it is refused.</source>
      <translation>Le modèle {name} serait enregistré dans {path}, hors du dossier des modèles {root} ; il est refusé.</translation>
    </message>
    <message>
      <source>The model registry {path} is not valid ({error}); its models are skipped. Fix it or delete it.</source>
      <translation>Le registre des modèles {path} n'est pas valide ({error}) ; ses modèles sont ignorés. Corrigez-le ou supprimez-le.</translation>
    </message>
    <message>
      <source>Entry {position} of the model registry {path} is skipped: {error}</source>
      <translation>L'entrée {position} du registre des modèles {path} est ignorée : {error}</translation>
    </message>
    <message>
      <source>{path} is not the {requirement} wheel; FloodSR installs only that. Give the onnxruntime {version} wheel for this Python and platform ({tag}), or a folder holding it.</source>
      <translation>{path} n'est pas le wheel {requirement} ; FloodSR n'installe que celui-ci. Donnez le wheel onnxruntime {version} pour ce Python et cette plateforme ({tag}), ou un dossier qui le contient.</translation>
    </message>
    <message>
      <source>The install brought more than onnxruntime ({names}); it was removed and nothing changed. Use the official onnxruntime wheel.</source>
      <translation>L'installation apportait plus qu'onnxruntime ({names}) ; elle a été supprimée et rien n'a changé. Utilisez le wheel officiel d'onnxruntime.</translation>
    </message>
    <message>
      <source>The installed onnxruntime does not work (version {version}, expected {expected}): {error}. It was removed and nothing changed. Check that the wheel is for this Python and platform ({tag}).</source>
      <translation>L'onnxruntime installé ne fonctionne pas (version {version}, attendue {expected}) : {error}. Il a été supprimé et rien n'a changé. Vérifiez que le wheel est pour ce Python et cette plateforme ({tag}).</translation>
    </message>
    <message>
      <source>The {role} raster {path} is mirrored (its columns run east to west). Warp it to a north-up grid (Raster &gt; Projections &gt; Warp) first.</source>
      <translation>Le raster « {role} » {path} est inversé (ses colonnes vont d'est en ouest). Reprojetez-le d'abord sur une grille orientée nord (Raster &gt; Projections &gt; Projection (warp)).</translation>
    </message>
    <message>
      <source>The raster {path} cannot be read ({error}). The file may be truncated or damaged, or a file it refers to (a virtual raster's source) may be missing: check it, or export it again.</source>
      <translation>Le raster {path} ne peut pas être lu ({error}). Le fichier est peut-être tronqué ou endommagé, ou un fichier auquel il renvoie (la source d'un raster virtuel) manque : vérifiez-le ou exportez-le à nouveau.</translation>
    </message>
    <message>
      <source>The depth raster {path} has depths up to {maximum:.4g} m; more than {limit:g} m of water is not plausible. If it is in centimetres or millimetres, convert it to metres (Raster Calculator); if a value marks missing data, set it as the raster's nodata value.</source>
      <translation>Le raster de hauteur {path} a des hauteurs jusqu'à {maximum:.4g} m ; plus de {limit:g} m d'eau n'est pas plausible. S'il est en centimètres ou en millimètres, convertissez-le en mètres (Calculatrice raster) ; si une valeur marque des données manquantes, déclarez-la comme valeur nodata du raster.</translation>
    </message>
    <message>
      <source>The {role} raster {path} has elevations from {low:.4g} to {high:.4g} m, outside the plausible {lowest:g} to {highest:g} m. If a value marks missing data, set it as the raster's nodata value; if the units are not metres, convert them first.</source>
      <translation>Le raster « {role} » {path} a des altitudes de {low:.4g} à {high:.4g} m, hors de l'intervalle plausible de {lowest:g} à {highest:g} m. Si une valeur marque des données manquantes, déclarez-la comme valeur nodata du raster ; si les unités ne sont pas des mètres, convertissez-les d'abord.</translation>
    </message>
    <message>
      <source>The depth raster reaches {deepest:.4g} m; depths above the model's maximum of {max_depth:g} m are capped at {max_depth:g} m in the output. Set 'Maximum depth' if the model supports deeper water.</source>
      <translation>Le raster de hauteur atteint {deepest:.4g} m ; les hauteurs au-delà du maximum du modèle, {max_depth:g} m, sont plafonnées à {max_depth:g} m dans la sortie. Réglez « Hauteur maximale » si le modèle accepte une eau plus profonde.</translation>
    </message>
    <message>
      <source>{path} must hold a JSON object (names and values). Fix or remove it.</source>
      <translation>{path} doit contenir un objet JSON (noms et valeurs). Corrigez-le ou supprimez-le.</translation>
    </message>
    <message>
      <source>a depth above 0 m</source>
      <translation>une hauteur supérieure à 0 m</translation>
    </message>
    <message>
      <source>a percentile above 0, at most 100</source>
      <translation>un centile supérieur à 0 et au plus 100</translation>
    </message>
    <message>
      <source>{path} gives {key} = {value!r}, which is not usable ({rule}). Fix or remove it; without it the model runs with its default.</source>
      <translation>{path} donne {key} = {value!r}, qui n'est pas utilisable ({rule}). Corrigez-le ou supprimez-le ; sans lui, le modèle utilise sa valeur par défaut.</translation>
    </message>
    <message>
      <source>it needs inputs FloodSR does not have: {extra}</source>
      <translation>il demande des entrées que FloodSR n'a pas : {extra}</translation>
    </message>
    <message>
      <source>its {hr} px tiles at x{scale} exceed the {max_tile} px and x{max_scale} that FloodSR runs</source>
      <translation>ses tuiles de {hr} px à x{scale} dépassent les {max_tile} px et x{max_scale} que FloodSR exécute</translation>
    </message>
    <message>
      <source>its batch dimension is {batch}; it must be at least 1, or dynamic</source>
      <translation>sa dimension de lot vaut {batch} ; elle doit valoir au moins 1, ou être dynamique</translation>
    </message>
    <message>
      <source>Super-resolving onto {width} x {height} cells</source>
      <translation>La super-résolution sur {width} x {height} cellules</translation>
    </message>
    <message>
      <source>The model {path} returned NaN or infinite depths for the tile whose top-left model cell is row {row}, column {column} (x {x:.2f}, y {y:.2f}). The model is broken or was exported wrongly; use another model.</source>
      <translation type="vanished">Le modèle {path} a renvoyé des hauteurs NaN ou infinies pour la tuile dont la cellule supérieure gauche de la grille du modèle est en ligne {row}, colonne {column} (x {x:.2f}, y {y:.2f}). Le modèle est défectueux ou mal exporté ; utilisez un autre modèle.</translation>
    </message>
    <message>
      <source>The model {path} failed while running ({error}). It may not follow the FloodSR contract: check it with floodsr:importmodel, or use another model.</source>
      <translation>Le modèle {path} a échoué pendant son exécution ({error}). Il ne suit peut-être pas le contrat FloodSR : vérifiez-le avec floodsr:importmodel, ou utilisez un autre modèle.</translation>
    </message>
    <message>
      <source>There is no space left on the disk holding {folder}, so {path} could not be written; nothing was kept. Free some space there or choose a folder on another disk.</source>
      <translation>Il n'y a plus d'espace libre sur le disque qui contient {folder}, donc {path} n'a pas pu être écrit ; rien n'a été conservé. Libérez de l'espace ou choisissez un dossier sur un autre disque.</translation>
    </message>
    <message>
      <source>Cannot create or write {path} ({error}); nothing was kept. Check the free space and permissions of {folder}.</source>
      <translation>Impossible de créer ou d'écrire {path} ({error}) ; rien n'a été conservé. Vérifiez l'espace libre et les permissions de {folder}.</translation>
    </message>
    <message>
      <source>Downscale flood (subgrid and classic methods)</source>
      <translation>Affiner une inondation (méthodes sous-maille et classiques)</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model.

A coarse depth is read as the cell-average depth: the water volume in the coarse cell divided by its area (what averaging a fine depth map onto coarse cells gives, and what a mass-conserving hydraulic model stores). Its flat water level is the one that holds that volume over the fine DEM cells inside the cell. If your coarse model reports depth over each cell's mean ground instead, set 'Coarse depth convention' to mean_ground (water-surface elevation = depth + mean DEM of the cell).

subgrid_smooth: (the default) a water surface interpolated between the levels of wet coarse cells, shifted per coarse cell so that each cell keeps its volume exactly. subgrid: each wet coarse cell's flat level, as hydraulic models with subgrid topography map their own results; volume kept exactly, with steps at cell edges. Neither spills water into dry coarse cells. With water-surface elevation input they keep the volume that each cell's flat level holds.

Classic methods of Bryant et al. (FloodDownscaler) start from a coarse water-surface elevation (WSE): the input itself, or for depth input each cell's level described above (depth + the cell's mean DEM with mean_ground); fine depth = max(WSE - DEM, 0). basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area. They do not keep volumes.

Size: the subgrid methods stream block rows of coarse cells, so memory follows the raster's width. The classic methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.</source>
      <translation type="vanished">Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle.

Une hauteur grossière est lue comme la hauteur moyenne de la cellule : le volume d'eau de la cellule grossière divisé par sa surface (ce que donne la moyenne d'une carte de hauteurs fine sur les cellules grossières, et ce que stocke un modèle hydraulique conservatif). Son niveau d'eau plat est celui qui contient ce volume au-dessus des cellules du MNT fin dans la cellule. Si votre modèle grossier donne la hauteur au-dessus du sol moyen de chaque cellule, choisissez mean_ground pour « Convention de la hauteur grossière » (cote de la surface libre = hauteur + MNT moyen de la cellule).

subgrid_smooth : (par défaut) une surface libre interpolée entre les niveaux des cellules grossières mouillées, décalée dans chaque cellule grossière pour que chacune garde exactement son volume. subgrid : le niveau plat de chaque cellule grossière mouillée, comme les modèles hydrauliques à topographie sous-maille projettent leurs propres résultats ; volume exactement conservé, avec des marches aux bords des cellules. Aucune des deux ne déverse d'eau dans les cellules grossières sèches. Avec une cote de surface libre en entrée, elles gardent le volume que contient le niveau plat de chaque cellule.

Les méthodes classiques de Bryant et al. (FloodDownscaler) partent d'une cote de surface libre (WSE) grossière : l'entrée elle-même ou, pour une hauteur, le niveau de chaque cellule décrit ci-dessus (hauteur + MNT moyen de la cellule avec mean_ground) ; hauteur fine = max(WSE - MNT, 0). basic : WSE bilinéaire dans la zone mouillée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours d'extension depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), gardée seulement là où elle est reliée à la zone mouillée. Elles ne conservent pas les volumes.

Taille : les méthodes sous-maille traitent des bandes de lignes de cellules grossières, la mémoire suit donc la largeur du raster. Les méthodes classiques travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.</translation>
    </message>
    <message>
      <source>flood,depth,downscale,subgrid,volume,costgrow,schumann,wse,DEM</source>
      <translation>inondation,hauteur,affinage,sous-maille,volume,costgrow,schumann,wse,MNT</translation>
    </message>
    <message>
      <source>What a coarse depth means (depth input only). volume: the cell-average depth, water volume / cell area. mean_ground: a depth over the coarse cell's mean ground elevation.</source>
      <translation>Ce que signifie une hauteur grossière (entrée hauteur seulement). volume : la hauteur moyenne de la cellule, volume d'eau / surface de la cellule. mean_ground : une hauteur au-dessus de l'altitude moyenne du sol de la cellule grossière.</translation>
    </message>
    <message>
      <source>Coarse depth convention</source>
      <translation>Convention de la hauteur grossière</translation>
    </message>
    <message>
      <source>Volume ratio, estimate / reference</source>
      <translation>Rapport des volumes, estimation / référence</translation>
    </message>
    <message>
      <source>Scores a fine flood-depth raster (the estimate) against a reference (the truth), over cells valid in both (and inside the mask, if given). If the estimate is on another grid it is resampled (bilinear) onto the reference grid, and the log says so.

MAE, RMSE and bias of estimate - reference; RMSE over reference cells &gt;= 1 mm deep; PSNR = 20 log10(max depth) - 10 log10(MSE); SSIM with one global window; wet/dry skill at the wet threshold: hit rate TP/(TP+FN), false alarm ratio FP/(TP+FP), CSI TP/(TP+FP+FN). These match the FloodSR reference metrics. Volume ratio: the estimate's water volume over the reference's, on the cells scored (1 = same volume).

Rasters are read block by block, so memory does not grow with their size.</source>
      <translation type="vanished">Évalue un raster de hauteur d'eau fine (l'estimation) par rapport à une référence (la vérité), sur les cellules valides dans les deux (et dans le masque, s'il est fourni). Si l'estimation est sur une autre grille, elle est rééchantillonnée (bilinéaire) sur la grille de référence, et le journal le signale.

MAE, RMSE et biais de estimation - référence ; RMSE sur les cellules de référence d'au moins 1 mm ; PSNR = 20 log10(hauteur max) - 10 log10(MSE) ; SSIM avec une seule fenêtre globale ; détection sec/mouillé au seuil de mouillage : taux de détection TP/(TP+FN), taux de fausses alertes FP/(TP+FP), CSI TP/(TP+FP+FN). Ces définitions sont celles des métriques de référence de FloodSR. Rapport des volumes : le volume d'eau de l'estimation sur celui de la référence, sur les cellules évaluées (1 = même volume).

Les rasters sont lus bloc par bloc, la mémoire ne croît donc pas avec leur taille.</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.

A model does not always keep the coarse water volume. 'Keep each coarse cell's water volume' corrects its output so that it does (after the depth clip), and the log says by how much the model was off.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.

Un modèle ne conserve pas toujours le volume d'eau grossier. « Garder le volume d'eau de chaque cellule grossière » corrige sa sortie pour qu'il le conserve (après le plafonnement des hauteurs), et le journal indique de combien le modèle s'en écartait.</translation>
    </message>
    <message>
      <source>Corrects the model's output so that the water in every coarse cell equals its depth x its area (the coarse depth read as the cell-average depth): the model's wet cells in the coarse cell are scaled by one factor; where the model is dry in a wet coarse cell, the flat level that holds the volume is used; coarse cells that are dry become dry. The log gives the largest error corrected. Off by default, so that the output is the model's own.</source>
      <translation>Corrige la sortie du modèle pour que l'eau de chaque cellule grossière égale sa hauteur x sa surface (la hauteur grossière lue comme la hauteur moyenne de la cellule) : les cellules mouillées du modèle dans la cellule grossière sont multipliées par un même facteur ; là où le modèle est sec dans une cellule grossière mouillée, le niveau plat qui contient le volume est utilisé ; les cellules grossières sèches deviennent sèches. Le journal donne la plus grande erreur corrigée. Désactivé par défaut, pour que la sortie soit celle du modèle.</translation>
    </message>
    <message>
      <source>Keep each coarse cell's water volume</source>
      <translation>Garder le volume d'eau de chaque cellule grossière</translation>
    </message>
    <message>
      <source>Unknown depth convention {convention!r}; use one of {choices}.</source>
      <translation>Convention de hauteur inconnue {convention!r} ; utilisez l'une de {choices}.</translation>
    </message>
    <message>
      <source>Coarse depth read as each coarse cell's average depth (water volume / cell area).</source>
      <translation>Hauteur grossière lue comme la hauteur moyenne de chaque cellule grossière (volume d'eau / surface de la cellule).</translation>
    </message>
    <message>
      <source>Coarse depth read as a depth over each coarse cell's mean ground.</source>
      <translation>Hauteur grossière lue comme une hauteur au-dessus du sol moyen de chaque cellule grossière.</translation>
    </message>
    <message>
      <source>Volume ratio</source>
      <translation>Rapport des volumes</translation>
    </message>
    <message>
      <source>water volume of the estimate / of the reference; 1 means the same amount of water</source>
      <translation>volume d'eau de l'estimation / de la référence ; 1 signifie la même quantité d'eau</translation>
    </message>
    <message>
      <source>The depth raster {path} has negative values (minimum {minimum:.4g}). FloodSR needs water depth in metres (&gt;= 0). If this is a water-surface elevation, use 'Downscale flood (subgrid and classic methods)' with input type WSE; otherwise set negatives to 0 or nodata.</source>
      <translation>Le raster de hauteur {path} contient des valeurs négatives (minimum {minimum:.4g}). FloodSR attend une hauteur d'eau en mètres (&gt;= 0). S'il s'agit d'une altitude de la surface de l'eau, utilisez « Affiner une inondation (méthodes sous-maille et classiques) » avec le type d'entrée WSE ; sinon, mettez les valeurs négatives à 0 ou à nodata.</translation>
    </message>
    <message>
      <source>Volume correction: the model's output held {ratio:.4f} times the coarse depth's water; the largest volume error corrected in one coarse cell was {volume:.4g} m3, the largest relative one {share:.2%} of a cell's water.</source>
      <translation>Correction des volumes : la sortie du modèle contenait {ratio:.4f} fois l'eau de la hauteur grossière ; la plus grande erreur de volume corrigée dans une cellule grossière était de {volume:.4g} m³, la plus grande erreur relative {share:.2%} de l'eau d'une cellule.</translation>
    </message>
    <message>
      <source>{cells} wet coarse cell(s) where the model was dry took the flat volume-conserving level.</source>
      <translation>{cells} cellule(s) grossière(s) mouillée(s) où le modèle était sec ont pris le niveau plat qui conserve le volume.</translation>
    </message>
    <message>
      <source>The Python package onnxruntime is not installed in QGIS's Python. Run the algorithm 'FloodSR &gt; Models and setup &gt; Install onnxruntime' (floodsr:installruntime): it works at once, without restarting QGIS. Or install onnxruntime with the pip that belongs to QGIS's Python, then restart QGIS.</source>
      <translation type="vanished">Le paquet Python onnxruntime n'est pas installé dans le Python de QGIS. Lancez l'algorithme « FloodSR &gt; Modèles et installation &gt; Installer onnxruntime » (floodsr:installruntime) : il agit aussitôt, sans redémarrer QGIS. Ou installez onnxruntime avec le pip du Python de QGIS, puis redémarrez QGIS.</translation>
    </message>
    <message>
      <source>{number}%</source>
      <translation>{number} %</translation>
    </message>
    <message>
      <source>Run only on this extent (for example the map canvas), snapped outwards to whole cells of the coarse raster, to see the result in seconds before a long run. Leave empty to run on the whole raster.</source>
      <translation>Ne calcule que sur cette emprise (par exemple celle de la carte), élargie aux cellules entières du raster grossier, pour voir le résultat en quelques secondes avant un long calcul. Laissez vide pour calculer sur tout le raster.</translation>
    </message>
    <message>
      <source>Preview extent (empty: the whole raster)</source>
      <translation>Emprise d'aperçu (vide : tout le raster)</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model, with the published methods of Bryant et al. (FloodDownscaler). A coarse depth becomes a water-surface elevation (WSE) over the mean DEM of each coarse cell; fine depth = max(WSE - DEM, 0).

basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area.

Size: the methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.

In plain words: WSE (water-surface elevation) is the height of the water surface above the datum, the same as the DEM's heights; depth is WSE minus the ground. buffergrowloop lets water spread, round after round, into neighbouring cells whose ground lies below the water surface next to them.</source>
      <translation type="vanished">Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle, avec les méthodes publiées de Bryant et al. (FloodDownscaler). Une hauteur grossière devient une cote de surface libre (WSE) au-dessus du MNT moyen de chaque cellule grossière ; hauteur fine = max(WSE - MNT, 0).

basic : WSE bilinéaire dans la zone inondée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours de croissance depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), conservée seulement là où elle est connectée à la zone inondée.

Taille : les méthodes travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.

En clair : WSE (cote de la surface libre) est l'altitude de la surface de l'eau, dans le même référentiel que les altitudes du MNT ; la hauteur d'eau est la WSE moins le sol. buffergrowloop laisse l'eau s'étendre, tour après tour, aux cellules voisines dont le sol est plus bas que la surface de l'eau à côté.</translation>
    </message>
    <message>
      <source>Fine water depth (m) downscaled with the classic method {}.</source>
      <translation type="vanished">Hauteur d'eau fine (m) affinée avec la méthode classique {}.</translation>
    </message>
    <message>
      <source>Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). The file is streamed to a temporary name, its sha256 is checked against the registry, and only then is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was. The download goes through QGIS's network settings (Settings &gt; Options &gt; Network), proxy included.</source>
      <translation type="vanished">Télécharge un modèle enregistré dans le cache des modèles (dans le profil QGIS, ou $FLOODSR_CACHE_DIR). Le fichier est écrit sous un nom temporaire, sa somme sha256 est comparée à celle du registre, et seulement ensuite il est mis en place : une somme fausse, une erreur HTTP, un délai dépassé ou une annulation laissent le cache tel quel. Le téléchargement passe par les réglages réseau de QGIS (Préférences &gt; Options &gt; Réseau), proxy compris.</translation>
    </message>
    <message>
      <source>Installs {} for the Python that QGIS runs on, into a private folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a folder of wheels, for this Python and platform. The log shows the exact pip command and its output as pip writes it. The runtime is usable as soon as the install ends, without restarting QGIS.</source>
      <translation type="vanished">Installe {} pour le Python sur lequel tourne QGIS, dans un dossier privé du profil QGIS (un par version de Python et plateforme, ici {}). pip est lancé avec --no-deps : numpy et tous les autres paquets fournis avec QGIS restent exactement tels quels. Hors ligne : indiquez un fichier wheel, ou un dossier de wheels, pour ce Python et cette plateforme. Le journal montre la commande pip exacte et sa sortie au fil de l'écriture de pip. Le moteur est utilisable dès la fin de l'installation, sans redémarrer QGIS.</translation>
    </message>
    <message>
      <source>onnxruntime {} is ready in {}. The FloodSR algorithms can use it now; QGIS need not be restarted.</source>
      <translation>onnxruntime {} est prêt dans {}. Les algorithmes FloodSR peuvent l'utiliser dès maintenant ; inutile de redémarrer QGIS.</translation>
    </message>
    <message>
      <source>A registered model. The bundled model works offline. A model marked 'not downloaded yet' must be fetched first with 'Fetch a registered model' (floodsr:fetchmodel), or downloaded by hand and added with 'Import a model file' (floodsr:importmodel).</source>
      <translation>Un modèle enregistré. Le modèle intégré fonctionne hors ligne. Un modèle marqué « pas encore téléchargé » doit d'abord être téléchargé avec « Télécharger un modèle enregistré » (floodsr:fetchmodel), ou téléchargé à la main puis ajouté avec « Importer un fichier de modèle » (floodsr:importmodel).</translation>
    </message>
    <message>
      <source>Model (not downloaded yet: {})</source>
      <translation type="vanished">Modèle (pas encore téléchargé : {})</translation>
    </message>
    <message>
      <source>The example model {} could not be read.</source>
      <translation>Le modèle d'exemple {} n'a pas pu être lu.</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.

Tile overlap is counted in coarse pixels, the cells of the depth raster: an overlap of 8 means neighbouring tiles share a strip 8 depth cells wide.

Preview extent: draw or pick an extent to run only there first; the result equals the same cells of a full run, so a few seconds show what a long run will give.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.

Le recouvrement des tuiles se compte en pixels grossiers, les cellules du raster de hauteur : un recouvrement de 8 signifie que deux tuiles voisines partagent une bande de 8 cellules de hauteur de large.

Emprise d'aperçu : tracez ou choisissez une emprise pour ne calculer d'abord que là ; le résultat est égal aux mêmes cellules d'un calcul complet, si bien que quelques secondes montrent ce que donnera un long calcul.</translation>
    </message>
    <message>
      <source>Fine water depth (m) from FloodSR model {}, tiles blended: {}.</source>
      <translation>Hauteur d'eau fine (m) du modèle FloodSR {}, fusion des tuiles : {}.</translation>
    </message>
    <message>
      <source>feather</source>
      <translation>en fondu</translation>
    </message>
    <message>
      <source>hard</source>
      <translation>bord à bord</translation>
    </message>
    <message>
      <source>Flood depth (m)</source>
      <translation>Hauteur d'eau (m)</translation>
    </message>
    <message>
      <source>{tiles} ({rows} x {columns}), blend {blend}, overlap {overlap} coarse px.</source>
      <translation>{tiles} ({rows} x {columns}), fusion {blend}, recouvrement {overlap} px grossiers.</translation>
    </message>
    <message numerus="yes">
      <source>%Ln tile(s)</source>
      <translation>
        <numerusform>%Ln tuile</numerusform>
        <numerusform>%Ln tuiles</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln row(s)</source>
      <translation>
        <numerusform>%Ln ligne</numerusform>
        <numerusform>%Ln lignes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln column(s)</source>
      <translation>
        <numerusform>%Ln colonne</numerusform>
        <numerusform>%Ln colonnes</numerusform>
      </translation>
    </message>
    <message>
      <source>Preview: {width} x {height} coarse cells from column {col} and row {row} of the depth raster, run with the tiles of a full run that reach them.</source>
      <translation>Aperçu : {width} x {height} cellules grossières à partir de la colonne {col} et de la ligne {row} du raster de hauteur, calculées avec les tuiles d'un calcul complet qui les touchent.</translation>
    </message>
    <message>
      <source>Done in {seconds:.1f} s; maximum depth {depth:.2f} m, wet fraction {wet:.1%}.</source>
      <translation>Terminé en {seconds:.1f} s ; hauteur maximale {depth:.2f} m, fraction mouillée {wet:.1%}.</translation>
    </message>
    <message>
      <source>{score}: {value:.4f}</source>
      <translation>{score} : {value:.4f}</translation>
    </message>
    <message>
      <source>Done in {seconds:.1f} s ({model_seconds:.1f} s in the model); maximum depth {depth:.2f} m, wet fraction {wet:.1%}.</source>
      <translation>Terminé en {seconds:.1f} s ({model_seconds:.1f} s dans le modèle) ; hauteur maximale {depth:.2f} m, fraction mouillée {wet:.1%}.</translation>
    </message>
    <message>
      <source>Downloading {name} from {url} failed: {reason}. Check your connection or proxy and try again. Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) under the name {name}.</source>
      <translation>Le téléchargement de {name} depuis {url} a échoué : {reason}. Vérifiez votre connexion ou votre proxy et réessayez. Hors ligne ? Téléchargez ce fichier à la main et ajoutez-le avec « Importer un fichier de modèle » (floodsr:importmodel) sous le nom {name}.</translation>
    </message>
    <message>
      <source>Downloading {name} from {url} timed out. Check your connection or proxy and try again. Offline? Download that file by hand and add it with 'Import a model file' (floodsr:importmodel) under the name {name}.</source>
      <translation>Le téléchargement de {name} depuis {url} a expiré. Vérifiez votre connexion ou votre proxy et réessayez. Hors ligne ? Téléchargez ce fichier à la main et ajoutez-le avec « Importer un fichier de modèle » (floodsr:importmodel) sous le nom {name}.</translation>
    </message>
    <message>
      <source>The preview extent ({xmin:.2f}, {ymin:.2f}, {xmax:.2f}, {ymax:.2f}) does not overlap the coarse raster ({bounds}). Draw it over the flood area, or leave it empty to run on the whole raster.</source>
      <translation>L'emprise d'aperçu ({xmin:.2f}, {ymin:.2f}, {xmax:.2f}, {ymax:.2f}) ne recouvre pas le raster grossier ({bounds}). Tracez-la sur la zone inondée, ou laissez-la vide pour calculer sur tout le raster.</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model, with the published methods of Bryant et al. (FloodDownscaler). A coarse depth becomes a water-surface elevation (WSE) over the mean DEM of each coarse cell; fine depth = max(WSE - DEM, 0).

basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area.

Size: the methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.

In plain words: WSE (water-surface elevation) is the height of the water surface above the datum, the same as the DEM's heights; depth is WSE minus the ground. buffergrowloop lets water spread, round after round, into neighbouring cells whose ground lies below the water surface next to them.

Preview extent: basic, simplefilter and schumann14 give the same cells as a full run; buffergrowloop and costgrow let water travel, so near water that comes from beyond the extent they can differ a little.</source>
      <translation type="vanished">Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle, avec les méthodes publiées de Bryant et al. (FloodDownscaler). Une hauteur grossière devient une cote de surface libre (WSE) au-dessus du MNT moyen de chaque cellule grossière ; hauteur fine = max(WSE - MNT, 0).

basic : WSE bilinéaire dans la zone inondée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours de croissance depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), conservée seulement là où elle est connectée à la zone inondée.

Taille : les méthodes travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.

En clair : WSE (cote de la surface libre) est l'altitude de la surface de l'eau, dans le même référentiel que les altitudes du MNT ; la hauteur d'eau est la WSE moins le sol. buffergrowloop laisse l'eau s'étendre, tour après tour, aux cellules voisines dont le sol est plus bas que la surface de l'eau à côté.

Emprise d'aperçu : basic, simplefilter et schumann14 donnent les mêmes cellules qu'un calcul complet ; buffergrowloop et costgrow laissent l'eau se déplacer : près d'une eau venue d'au-delà de l'emprise, ils peuvent différer un peu.</translation>
    </message>
    <message>
      <source>Preview: {width} x {height} coarse cells from column {col} and row {row}, run with {margin} coarse cells of context around them.</source>
      <translation>Aperçu : {width} x {height} cellules grossières à partir de la colonne {col} et de la ligne {row}, calculées avec {margin} cellules grossières de contexte autour.</translation>
    </message>
    <message>
      <source>Open in the Model Designer...</source>
      <translation>Ouvrir dans le modeleur graphique...</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model.

A coarse depth is read as the cell-average depth: the water volume in the coarse cell divided by its area (what averaging a fine depth map onto coarse cells gives, and what a mass-conserving hydraulic model stores). Its flat water level is the one that holds that volume over the fine DEM cells inside the cell. If your coarse model reports depth over each cell's mean ground instead, set 'Coarse depth convention' to mean_ground (water-surface elevation = depth + mean DEM of the cell).

subgrid_smooth: (the default) a water surface interpolated between the levels of wet coarse cells, shifted per coarse cell so that each cell keeps its volume exactly. subgrid: each wet coarse cell's flat level, as hydraulic models with subgrid topography map their own results; volume kept exactly, with steps at cell edges. Neither spills water into dry coarse cells. With water-surface elevation input they keep the volume that each cell's flat level holds.

Classic methods of Bryant et al. (FloodDownscaler) start from a coarse water-surface elevation (WSE): the input itself, or for depth input each cell's level described above (depth + the cell's mean DEM with mean_ground); fine depth = max(WSE - DEM, 0). basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area. They do not keep volumes.

Size: the subgrid methods stream block rows of coarse cells, so memory follows the raster's width. The classic methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.

In plain words: WSE (water-surface elevation) is the height of the water surface above the datum, the same as the DEM's heights; depth is WSE minus the ground. buffergrowloop lets water spread, round after round, into neighbouring cells whose ground lies below the water surface next to them.

Preview extent: subgrid, subgrid_smooth, basic, simplefilter and schumann14 give the same cells as a full run; buffergrowloop and costgrow let water travel, so near water that comes from beyond the extent they can differ a little.</source>
      <translation>Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle.

Une hauteur grossière est lue comme la hauteur moyenne de la cellule : le volume d'eau de la cellule grossière divisé par sa surface (ce que donne la moyenne d'une carte de hauteurs fine sur les cellules grossières, et ce que stocke un modèle hydraulique conservatif). Son niveau d'eau plat est celui qui contient ce volume au-dessus des cellules du MNT fin dans la cellule. Si votre modèle grossier donne la hauteur au-dessus du sol moyen de chaque cellule, choisissez mean_ground pour « Convention de la hauteur grossière » (cote de la surface libre = hauteur + MNT moyen de la cellule).

subgrid_smooth : (par défaut) une surface libre interpolée entre les niveaux des cellules grossières mouillées, décalée dans chaque cellule grossière pour que chacune garde exactement son volume. subgrid : le niveau plat de chaque cellule grossière mouillée, comme les modèles hydrauliques à topographie sous-maille projettent leurs propres résultats ; volume exactement conservé, avec des marches aux bords des cellules. Aucune des deux ne déverse d'eau dans les cellules grossières sèches. Avec une cote de surface libre en entrée, elles gardent le volume que contient le niveau plat de chaque cellule.

Les méthodes classiques de Bryant et al. (FloodDownscaler) partent d'une cote de surface libre (WSE) grossière : l'entrée elle-même ou, pour une hauteur, le niveau de chaque cellule décrit ci-dessus (hauteur + MNT moyen de la cellule avec mean_ground) ; hauteur fine = max(WSE - MNT, 0). basic : WSE bilinéaire dans la zone mouillée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours d'extension depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), gardée seulement là où elle est reliée à la zone mouillée. Elles ne conservent pas les volumes.

Taille : les méthodes sous-maille traitent des bandes de lignes de cellules grossières, la mémoire suit donc la largeur du raster. Les méthodes classiques travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.

En clair : WSE (cote de la surface libre) est l'altitude de la surface de l'eau, dans le même référentiel que les altitudes du MNT ; la hauteur d'eau est la WSE moins le sol. buffergrowloop laisse l'eau s'étendre, tour après tour, aux cellules voisines dont le sol est plus bas que la surface de l'eau à côté.

Emprise d'aperçu : subgrid, subgrid_smooth, basic, simplefilter et schumann14 donnent les mêmes cellules qu'un calcul complet ; buffergrowloop et costgrow laissent l'eau se déplacer : près d'une eau venue d'au-delà de l'emprise, ils peuvent différer un peu.</translation>
    </message>
    <message>
      <source>Fine water depth (m) downscaled with the method {}.</source>
      <translation>Hauteur d'eau fine (m) affinée avec la méthode {}.</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.

A model does not always keep the coarse water volume. 'Keep each coarse cell's water volume' corrects its output so that it does (after the depth clip), and the log says by how much the model was off.

Tile overlap is counted in coarse pixels, the cells of the depth raster: an overlap of 8 means neighbouring tiles share a strip 8 depth cells wide.

Preview extent: draw or pick an extent to run only there first; the result equals the same cells of a full run, so a few seconds show what a long run will give.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.

Un modèle ne conserve pas toujours le volume d'eau grossier. « Garder le volume d'eau de chaque cellule grossière » corrige sa sortie pour qu'il le conserve (après le plafonnement des hauteurs), et le journal indique de combien le modèle s'en écartait.

Le recouvrement des tuiles se compte en pixels grossiers, les cellules du raster de hauteur : un recouvrement de 8 signifie que deux tuiles voisines partagent une bande de 8 cellules de hauteur de large.

Emprise d'aperçu : tracez ou choisissez une emprise pour ne calculer d'abord que là ; le résultat est égal aux mêmes cellules d'un calcul complet, si bien que quelques secondes montrent ce que donnera un long calcul.</translation>
    </message>
    <message>
      <source>Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). The file is streamed to a temporary name, its sha256 is checked against the registry, and only then is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was.

A model registry URI (models:/&lt;name&gt;/&lt;version&gt; or models:/&lt;name&gt;@&lt;alias&gt;) fetches from the MLflow Model Registry that MLFLOW_TRACKING_URI names instead: the model is checked against the FloodSR contract (this needs onnxruntime) and recorded with its sha256 and lineage as &lt;name&gt;.v&lt;version&gt;.</source>
      <translation type="vanished">Télécharge un modèle enregistré dans le cache des modèles (dans le profil QGIS, ou $FLOODSR_CACHE_DIR). Le fichier est écrit sous un nom temporaire, sa somme sha256 est comparée à celle du registre, et seulement ensuite il est mis en place : une somme fausse, une erreur HTTP, un délai dépassé ou une annulation laissent le cache tel quel.

Une URI de registre de modèles (models:/&lt;nom&gt;/&lt;version&gt; ou models:/&lt;nom&gt;@&lt;alias&gt;) télécharge plutôt depuis le MLflow Model Registry désigné par MLFLOW_TRACKING_URI : le modèle est vérifié selon le contrat FloodSR (onnxruntime est alors nécessaire) et enregistré avec sa somme sha256 et sa provenance sous le nom &lt;nom&gt;.v&lt;version&gt;.</translation>
    </message>
    <message>
      <source>Checks that an ONNX file follows the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1], output [N,512,512,1]), copies it into the model cache with its sha256, and makes it selectable as 'Model' in 'Super-resolve flood depth'. A train_config.json beside it is copied too.

Instead of a file, a model registry URI (models:/&lt;name&gt;/&lt;version&gt; or models:/&lt;name&gt;@&lt;alias&gt;) imports a model from the MLflow Model Registry that MLFLOW_TRACKING_URI names, with its lineage.</source>
      <translation>Vérifie qu'un fichier ONNX respecte le contrat FloodSR (entrées depth_lr [N,32,32,1] et dem_hr [N,512,512,1], sortie [N,512,512,1]), le copie dans le cache des modèles avec sa somme sha256 et le rend sélectionnable comme « Modèle » dans « Super-résolution de la hauteur d'eau ». Un train_config.json placé à côté est copié aussi.

Au lieu d'un fichier, une URI de registre de modèles (models:/&lt;nom&gt;/&lt;version&gt; ou models:/&lt;nom&gt;@&lt;alias&gt;) importe un modèle du MLflow Model Registry désigné par MLFLOW_TRACKING_URI, avec sa provenance.</translation>
    </message>
    <message>
      <source>How the model is listed: letters, digits, '.', '_' or '-'. Needed for a file; a model registry URI is listed as &lt;name&gt;.v&lt;version&gt; when this is empty.</source>
      <translation>Nom sous lequel le modèle est listé : lettres, chiffres, « . », « _ » ou « - ». Obligatoire pour un fichier ; une URI de registre de modèles est listée sous &lt;nom&gt;.v&lt;version&gt; s'il est vide.</translation>
    </message>
    <message>
      <source>Give an ONNX model file or a model registry URI (models:/...).</source>
      <translation>Indiquez un fichier de modèle ONNX ou une URI de registre de modèles (models:/...).</translation>
    </message>
    <message>
      <source>A model in the MLflow Model Registry that MLFLOW_TRACKING_URI names, with MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD for its credentials.</source>
      <translation>Un modèle du MLflow Model Registry désigné par MLFLOW_TRACKING_URI, avec MLFLOW_TRACKING_TOKEN, ou MLFLOW_TRACKING_USERNAME et MLFLOW_TRACKING_PASSWORD, comme identifiants.</translation>
    </message>
    <message>
      <source>Model registry URI (models:/name/version or models:/name@alias)</source>
      <translation>URI de registre de modèles (models:/nom/version ou models:/nom@alias)</translation>
    </message>
    <message>
      <source>Fetching {} from the MLflow Model Registry into {}</source>
      <translation>Téléchargement de {} depuis le MLflow Model Registry dans {}</translation>
    </message>
    <message>
      <source>Registered {} ({}); sha256 {}.</source>
      <translation>{} enregistré ({}) ; sha256 {}.</translation>
    </message>
    <message>
      <source>The files of models:/{name}/{version} are at {location}, which the tracking server does not serve. Run the tracking server with its artifact proxy (mlflow server --serve-artifacts, the default) so that models can be fetched over HTTP.</source>
      <translation>Les fichiers de models:/{name}/{version} sont à {location}, que le serveur de suivi ne sert pas. Lancez le serveur de suivi avec son proxy d'artefacts (mlflow server --serve-artifacts, le réglage par défaut) pour que les modèles puissent être téléchargés en HTTP.</translation>
    </message>
    <message>
      <source>MLFLOW_TRACKING_URI must be the http:// or https:// address of an MLflow tracking server (got {uri!r}); set it to reach models:/ URIs.</source>
      <translation>MLFLOW_TRACKING_URI doit être l'adresse http:// ou https:// d'un serveur de suivi MLflow (valeur : {uri!r}) ; définissez-la pour accéder aux URI models:/.</translation>
    </message>
    <message>
      <source>{uri!r} is not a model registry URI: use models:/&lt;name&gt;/&lt;version&gt; or models:/&lt;name&gt;@&lt;alias&gt;.</source>
      <translation>{uri!r} n'est pas une URI de registre de modèles : utilisez models:/&lt;nom&gt;/&lt;version&gt; ou models:/&lt;nom&gt;@&lt;alias&gt;.</translation>
    </message>
    <message>
      <source>models:/{name}/{version} should hold exactly one .onnx file, but its artifacts at {location} hold {count}. Register the folder that holds the model's ONNX file.</source>
      <translation>models:/{name}/{version} devrait contenir exactement un fichier .onnx, mais ses artefacts à {location} en contiennent {count}. Enregistrez le dossier qui contient le fichier ONNX du modèle.</translation>
    </message>
    <message>
      <source>The MLflow tracking server at {server} refused access (HTTP {status}). Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.</source>
      <translation>Le serveur de suivi MLflow à {server} a refusé l'accès (HTTP {status}). Définissez MLFLOW_TRACKING_TOKEN, ou MLFLOW_TRACKING_USERNAME et MLFLOW_TRACKING_PASSWORD.</translation>
    </message>
    <message>
      <source>The MLflow tracking server at {server} could not resolve {uri}: HTTP {status}, {message}</source>
      <translation>Le serveur de suivi MLflow à {server} n'a pas pu résoudre {uri} : HTTP {status}, {message}</translation>
    </message>
    <message>
      <source>Cannot reach the MLflow tracking server at {server} ({error}). Check MLFLOW_TRACKING_URI and that the server is running.</source>
      <translation>Impossible de joindre le serveur de suivi MLflow à {server} ({error}). Vérifiez MLFLOW_TRACKING_URI et que le serveur fonctionne.</translation>
    </message>
    <message>
      <source>Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). The file is streamed to a temporary name, its sha256 is checked against the registry, and only then is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was. The download goes through QGIS's network settings (Settings &gt; Options &gt; Network), proxy included.

A model registry URI (models:/&lt;name&gt;/&lt;version&gt; or models:/&lt;name&gt;@&lt;alias&gt;) fetches from the MLflow Model Registry that MLFLOW_TRACKING_URI names instead: the model is checked against the FloodSR contract (this needs onnxruntime) and recorded with its sha256 and lineage as &lt;name&gt;.v&lt;version&gt;.</source>
      <translation>Télécharge un modèle enregistré dans le cache des modèles (dans le profil QGIS, ou $FLOODSR_CACHE_DIR). Le fichier est écrit sous un nom temporaire, sa somme sha256 est comparée à celle du registre, et seulement ensuite il est mis en place : une somme fausse, une erreur HTTP, un délai dépassé ou une annulation laissent le cache tel quel. Le téléchargement passe par les réglages réseau de QGIS (Préférences &gt; Options &gt; Réseau), proxy compris.

Une URI de registre de modèles (models:/&lt;nom&gt;/&lt;version&gt; ou models:/&lt;nom&gt;@&lt;alias&gt;) télécharge plutôt depuis le MLflow Model Registry désigné par MLFLOW_TRACKING_URI : le modèle est vérifié selon le contrat FloodSR (onnxruntime est alors nécessaire) et enregistré avec sa somme sha256 et sa provenance sous le nom &lt;nom&gt;.v&lt;version&gt;.</translation>
    </message>
    <message>
      <source>QGIS's Python lacks these Python packages: {}. Run the algorithm 'FloodSR &gt; Models and setup &gt; Install runtime packages' (floodsr:installruntime), or install them with the pip that belongs to QGIS's Python (on Debian and Ubuntu: apt install python3-scipy for scipy), then restart QGIS.</source>
      <translation type="vanished">Il manque au Python de QGIS ces paquets Python : {}. Lancez l'algorithme « FloodSR &gt; Modèles et installation &gt; Installer les paquets d'exécution » (floodsr:installruntime), ou installez-les avec le pip du Python de QGIS (sous Debian et Ubuntu : apt install python3-scipy pour scipy), puis redémarrez QGIS.</translation>
    </message>
    <message>
      <source>Install runtime packages</source>
      <translation>Installer les paquets d'exécution</translation>
    </message>
    <message>
      <source>Installs {} (and {} when QGIS's Python lacks scipy) for the Python that QGIS runs on, into a private folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a folder of wheels, for this Python and platform. The log shows the exact pip command and its output.</source>
      <translation type="vanished">Installe {} (et {} quand le Python de QGIS n'a pas scipy) pour le Python sur lequel tourne QGIS, dans un dossier privé du profil QGIS (un par version de Python et plateforme, ici {}). pip est lancé avec --no-deps : numpy et tous les autres paquets fournis avec QGIS restent exactement tels quels. Hors ligne : indiquez un fichier wheel, ou un dossier de wheels, pour ce Python et cette plateforme. Le journal montre la commande pip exacte et sa sortie.</translation>
    </message>
    <message>
      <source>A folder searched for matching onnxruntime and scipy wheels; nothing is downloaded.</source>
      <translation>Un dossier où chercher des wheels d'onnxruntime et de scipy adaptées ; rien n'est téléchargé.</translation>
    </message>
    <message>
      <source>pip could not install {packages} (exit code {code}); its output is in the log above. Offline? Give a folder holding their wheels for this Python and platform.</source>
      <translation>pip n'a pas pu installer {packages} (code de sortie {code}) ; sa sortie figure dans le journal ci-dessus. Hors ligne ? Indiquez un dossier contenant leurs wheels pour ce Python et cette plateforme.</translation>
    </message>
    <message>
      <source>QGIS's Python lacks these Python packages: {}. Run the algorithm 'FloodSR &gt; Models and setup &gt; Install runtime packages' (floodsr:installruntime): it works at once, without restarting QGIS. Or install them with the pip that belongs to QGIS's Python (on Debian and Ubuntu: apt install python3-scipy for scipy), then restart QGIS.</source>
      <translation>Il manque au Python de QGIS ces paquets Python : {}. Lancez l'algorithme « FloodSR &gt; Modèles et installation &gt; Installer les paquets d'exécution » (floodsr:installruntime) : il agit aussitôt, sans redémarrer QGIS. Ou installez-les avec le pip du Python de QGIS (sous Debian et Ubuntu : apt install python3-scipy pour scipy), puis redémarrez QGIS.</translation>
    </message>
    <message>
      <source>Installs {} (and {} when QGIS's Python lacks scipy) for the Python that QGIS runs on, into a private folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a folder of wheels, for this Python and platform. The log shows the exact pip command and its output as pip writes it. The runtime is usable as soon as the install ends, without restarting QGIS.</source>
      <translation>Installe {} (et {} quand le Python de QGIS n'a pas scipy) pour le Python sur lequel tourne QGIS, dans un dossier privé du profil QGIS (un par version de Python et plateforme, ici {}). pip est lancé avec --no-deps : numpy et tous les autres paquets fournis avec QGIS restent exactement tels quels. Hors ligne : indiquez un fichier wheel, ou un dossier de wheels, pour ce Python et cette plateforme. Le journal montre la commande pip exacte et sa sortie au fil de l'écriture de pip. Le moteur est utilisable dès la fin de l'installation, sans redémarrer QGIS.</translation>
    </message>
    <message>
      <source>input {prior_input} is {prior_shape} but {dem_input} is {dem_shape}; they must match</source>
      <translation>l'entrée {prior_input} mesure {prior_shape} mais {dem_input} mesure {dem_shape} ; elles doivent être identiques</translation>
    </message>
    <message>
      <source>This model declares FloodSR contract version {declared!r} ({key} in its metadata), which this plugin does not know (it runs versions {known}). Update FloodSR, or use a model made for this version.</source>
      <translation>Ce modèle déclare la version {declared!r} du contrat FloodSR ({key} dans ses métadonnées), que cette extension ne connaît pas (elle exécute les versions {known}). Mettez FloodSR à jour, ou utilisez un modèle fait pour cette version.</translation>
    </message>
    <message>
      <source>The Python package onnxruntime is not installed in QGIS's Python. Run the algorithm 'FloodSR &gt; Models and setup &gt; Install onnxruntime' (floodsr:installruntime), or install onnxruntime with the pip that belongs to QGIS's Python, then restart QGIS.</source>
      <translation type="vanished">Le paquet Python onnxruntime n'est pas installé dans le Python de QGIS. Lancez l'algorithme « FloodSR &gt; Modèles et installation &gt; Installer onnxruntime » (floodsr:installruntime), ou installez onnxruntime avec le pip du Python de QGIS, puis redémarrez QGIS.</translation>
    </message>
    <message>
      <source>Downscale flood (classic methods)</source>
      <translation type="vanished">Affiner une inondation (méthodes classiques)</translation>
    </message>
    <message>
      <source>Downscales a coarse flood (water depth or water-surface elevation) onto a fine DEM without any model, with the published methods of Bryant et al. (FloodDownscaler). A coarse depth becomes a water-surface elevation (WSE) over the mean DEM of each coarse cell; fine depth = max(WSE - DEM, 0).

basic: bilinear WSE inside the coarse wet area. simplefilter: basic, dry where WSE &lt;= DEM. buffergrowloop: simplefilter, then up to 30 rounds of growth from wet neighbours. schumann14: nearest-neighbour WSE plus a ring of 1.5 coarse cells taking the nearest wet coarse cell's WSE. costgrow: simplefilter, then WSE spread to the nearest cells (capped), kept only where connected to the wet area.

Size: the methods work on whole arrays in memory, about 50 bytes per output cell for costgrow (the largest; 10240 x 10240 cells need about 5 GB and a minute) and less for the others. Time grows linearly with cells.</source>
      <translation type="vanished">Affine une inondation grossière (hauteur d'eau ou cote de la surface libre) sur un MNT fin sans aucun modèle, avec les méthodes publiées de Bryant et al. (FloodDownscaler). Une hauteur grossière devient une cote de surface libre (WSE) au-dessus du MNT moyen de chaque cellule grossière ; hauteur fine = max(WSE - MNT, 0).

basic : WSE bilinéaire dans la zone inondée grossière. simplefilter : basic, sec là où WSE &lt;= MNT. buffergrowloop : simplefilter, puis jusqu'à 30 tours de croissance depuis les voisins mouillés. schumann14 : WSE au plus proche voisin plus un anneau de 1,5 cellule grossière prenant la WSE de la cellule grossière mouillée la plus proche. costgrow : simplefilter, puis WSE propagée aux cellules les plus proches (avec plafond), conservée seulement là où elle est connectée à la zone inondée.

Taille : les méthodes travaillent sur des tableaux entiers en mémoire, environ 50 octets par cellule de sortie pour costgrow (la plus gourmande ; 10240 x 10240 cellules demandent environ 5 Go et une minute) et moins pour les autres. Le temps croît linéairement avec le nombre de cellules.</translation>
    </message>
    <message>
      <source>flood,depth,downscale,costgrow,schumann,wse,DEM</source>
      <translation type="vanished">inondation,hauteur,affinage,costgrow,schumann,wse,MNT</translation>
    </message>
    <message>
      <source>Done in {:.1f} s; maximum depth {:.2f} m, wet fraction {:.1%}.</source>
      <translation type="vanished">Terminé en {:.1f} s ; hauteur maximale {:.2f} m, fraction mouillée {:.1%}.</translation>
    </message>
    <message>
      <source>Scores a fine flood-depth raster (the estimate) against a reference (the truth), over cells valid in both (and inside the mask, if given). If the estimate is on another grid it is resampled (bilinear) onto the reference grid, and the log says so.

MAE, RMSE and bias of estimate - reference; RMSE over reference cells &gt;= 1 mm deep; PSNR = 20 log10(max depth) - 10 log10(MSE); SSIM with one global window; wet/dry skill at the wet threshold: hit rate TP/(TP+FN), false alarm ratio FP/(TP+FP), CSI TP/(TP+FP+FN). These match the FloodSR reference metrics.

Rasters are read block by block, so memory does not grow with their size.</source>
      <translation type="vanished">Évalue un raster de hauteur d'eau fine (l'estimation) par rapport à une référence (la vérité), sur les cellules valides dans les deux (et dans le masque, s'il est fourni). Si l'estimation est sur une autre grille, elle est rééchantillonnée (bilinéaire) sur la grille de référence, et le journal le signale.

MAE, RMSE et biais de estimation - référence ; RMSE sur les cellules de référence d'au moins 1 mm ; PSNR = 20 log10(hauteur max) - 10 log10(MSE) ; SSIM avec une seule fenêtre globale ; détection sec/mouillé au seuil de mouillage : taux de détection TP/(TP+FN), taux de fausses alertes FP/(TP+FP), CSI TP/(TP+FP+FN). Ces définitions sont celles des métriques de référence de FloodSR.

Les rasters sont lus bloc par bloc, la mémoire ne croît donc pas avec leur taille.</translation>
    </message>
    <message>
      <source>Downloads a registered model into the model cache (under the QGIS profile, or $FLOODSR_CACHE_DIR). The file is streamed to a temporary name, its sha256 is checked against the registry, and only then is it put in place: a wrong checksum, an HTTP error, a timeout or a cancel leaves the cache as it was.</source>
      <translation type="vanished">Télécharge un modèle enregistré dans le cache des modèles (dans le profil QGIS, ou $FLOODSR_CACHE_DIR). Le fichier est écrit sous un nom temporaire, sa somme sha256 est comparée à celle du registre, et seulement ensuite il est mis en place : une somme fausse, une erreur HTTP, un délai dépassé ou une annulation laissent le cache tel quel.</translation>
    </message>
    <message>
      <source>Checks that an ONNX file follows the FloodSR contract (inputs depth_lr [N,32,32,1] and dem_hr [N,512,512,1], output [N,512,512,1]), copies it into the model cache with its sha256, and makes it selectable as 'Model' in 'Super-resolve flood depth'. A train_config.json beside it is copied too.</source>
      <translation type="vanished">Vérifie qu'un fichier ONNX respecte le contrat FloodSR (entrées depth_lr [N,32,32,1] et dem_hr [N,512,512,1], sortie [N,512,512,1]), le copie dans le cache des modèles avec sa somme sha256 et le rend sélectionnable comme « Modèle » dans « Super-résolution de la hauteur d'eau ». Un train_config.json placé à côté est copié aussi.</translation>
    </message>
    <message>
      <source>How the model is listed: letters, digits, '.', '_' or '-'.</source>
      <translation type="vanished">Nom sous lequel le modèle est listé : lettres, chiffres, « . », « _ » ou « - ».</translation>
    </message>
    <message>
      <source>Install onnxruntime</source>
      <translation type="vanished">Installer onnxruntime</translation>
    </message>
    <message>
      <source>Installs {} for the Python that QGIS runs on, into a private folder of the QGIS profile (one per Python version and platform, here {}). pip runs with --no-deps, so numpy and every other package QGIS ships stay exactly as they are. Offline: give a wheel file, or a folder of wheels, for this Python and platform. The log shows the exact pip command and its output.</source>
      <translation type="vanished">Installe {} pour le Python sur lequel tourne QGIS, dans un dossier privé du profil QGIS (un par version de Python et plateforme, ici {}). pip est lancé avec --no-deps : numpy et tous les autres paquets fournis avec QGIS restent exactement tels quels. Hors ligne : indiquez un fichier wheel, ou un dossier de wheels, pour ce Python et cette plateforme. Le journal montre la commande pip exacte et sa sortie.</translation>
    </message>
    <message>
      <source>A folder searched for a matching onnxruntime wheel; nothing is downloaded.</source>
      <translation type="vanished">Un dossier où chercher une wheel d'onnxruntime adaptée ; rien n'est téléchargé.</translation>
    </message>
    <message>
      <source>onnxruntime {} is ready in {}.</source>
      <translation type="vanished">onnxruntime {} est prêt dans {}.</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.</translation>
    </message>
    <message>
      <source>A registered model. The bundled model works offline; others must be fetched first ('Fetch a registered model').</source>
      <translation type="vanished">Un modèle enregistré. Le modèle intégré fonctionne hors ligne ; les autres doivent d'abord être téléchargés (« Télécharger un modèle enregistré »).</translation>
    </message>
    <message>
      <source>Done in {:.1f} s ({:.1f} s in the model); maximum depth {:.2f} m, wet fraction {:.1%}.</source>
      <translation type="vanished">Terminé en {:.1f} s ({:.1f} s dans le modèle) ; hauteur maximale {:.2f} m, fraction mouillée {:.1%}.</translation>
    </message>
    <message>
      <source>Model number {} does not exist; choose 0 to {}.</source>
      <translation type="vanished">Le modèle numéro {} n'existe pas ; choisissez entre 0 et {}.</translation>
    </message>
    <message>
      <source>Downloading {name} timed out ({error}). Check your connection or proxy and try again.</source>
      <translation type="vanished">Le téléchargement de {name} a expiré ({error}). Vérifiez votre connexion ou votre proxy et réessayez.</translation>
    </message>
    <message>
      <source>Downloading {name} failed: the connection broke ({error}). Try again.</source>
      <translation type="vanished">Le téléchargement de {name} a échoué : la connexion a été interrompue ({error}). Réessayez.</translation>
    </message>
    <message>
      <source>The depth raster {path} has negative values (minimum {minimum:.4g}). FloodSR needs water depth in metres (&gt;= 0). If this is a water-surface elevation, use 'Downscale flood (classic methods)' with input type WSE; otherwise set negatives to 0 or nodata.</source>
      <translation type="vanished">Le raster de hauteur {path} contient des valeurs négatives (minimum {minimum:.4g}). FloodSR attend une hauteur d'eau en mètres (&gt;= 0). S'il s'agit d'une altitude de la surface de l'eau, utilisez « Désagréger une inondation (méthodes classiques) » avec le type d'entrée WSE ; sinon, mettez les valeurs négatives à 0 ou à nodata.</translation>
    </message>
    <message>
      <source>{name} is the name of a bundled model; choose another name.</source>
      <translation type="vanished">{name} est le nom d'un modèle fourni avec l'extension ; choisissez un autre nom.</translation>
    </message>
    <message>
      <source>Could not copy {source} into the model cache {cache_dir} ({error}). Check disk space and permissions.</source>
      <translation type="vanished">Impossible de copier {source} dans le cache des modèles {cache_dir} ({error}). Vérifiez l'espace disque et les permissions.</translation>
    </message>
    <message>
      <source>{tiles} tiles ({rows} rows x {columns} columns), blend {blend}, overlap {overlap} coarse px.</source>
      <translation type="vanished">{tiles} tuiles ({rows} lignes x {columns} colonnes), fusion {blend}, recouvrement {overlap} px grossiers.</translation>
    </message>
    <message>
      <source>The model registry {path} is not valid ({error}). Fix it or delete it to start afresh.</source>
      <translation type="vanished">Le registre des modèles {path} n'est pas valide ({error}). Corrigez-le ou supprimez-le pour repartir de zéro.</translation>
    </message>
    <message>
      <source>pip could not install onnxruntime (exit code {code}); its output is in the log above. Offline? Give a folder holding the onnxruntime wheel for this Python and platform.</source>
      <translation type="vanished">pip n'a pas pu installer onnxruntime (code de sortie {code}) ; sa sortie figure dans le journal ci-dessus. Hors ligne ? Indiquez un dossier contenant la wheel onnxruntime pour ce Python et cette plateforme.</translation>
    </message>
    <message>
      <source>The output {path} is one of the inputs; choose another file name.</source>
      <translation>La sortie {path} est l'une des entrées ; choisissez un autre nom de fichier.</translation>
    </message>
    <message>
      <source>Cannot create {path} ({error}). Check the disk space and permissions of the output folder.</source>
      <translation type="vanished">Impossible de créer {path} ({error}). Vérifiez l'espace disque et les permissions du dossier de sortie.</translation>
    </message>
    <message>
      <source>Run a batch of scenes</source>
      <translation>Lancer un lot de scènes</translation>
    </message>
    <message>
      <source>Many scenes</source>
      <translation>Scènes multiples</translation>
    </message>
    <message>
      <source>Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends that item only. The manifest is a CSV with the header id,depth,dem,output and optionally method (a classic method such as costgrow, or model: super-resolution, the default) and model (a registered model's name or an .onnx file; the bundled model when empty). Relative paths are relative to the manifest's folder; /vsis3/, /vsigs/ and /vsiaz/ paths read and write cloud storage with GDAL's credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings &gt; Options &gt; System &gt; Environment).

Rows that cannot run (missing input, unknown method or model, duplicate id or output) are reported before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the item's method or model (outputs appear only when complete). So a re-run does only what is missing or failed.

local: worker processes on this machine, the cores shared among them. slurm: a job array with one task per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem that every compute node sees under the same paths.

The report is a CSV with id,status,seconds,output,message; status is done, skipped or failed.</source>
      <translation type="vanished">Lance de nombreuses scènes listées dans un manifeste, chacune dans son propre processus : un plantage ou un arrêt pour mémoire épuisée ne met fin qu'à cet élément. Le manifeste est un CSV d'en-tête id,depth,dem,output avec, au choix, method (une méthode classique comme costgrow, ou model : la super-résolution, par défaut) et model (le nom d'un modèle enregistré ou un fichier .onnx ; le modèle fourni si vide). Les chemins relatifs partent du dossier du manifeste ; les chemins /vsis3/, /vsigs/ et /vsiaz/ lisent et écrivent le stockage en nuage avec les identifiants de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID, réglables sous Préférences &gt; Options &gt; Système &gt; Environnement).

Les lignes qui ne peuvent pas être lancées (entrée absente, méthode ou modèle inconnu, id ou sortie en double) sont signalées avant tout calcul et les autres lignes sont quand même lancées. Sauf si Écraser est activé, un élément dont la sortie existe déjà est sauté : un fichier que GDAL ouvre et qui porte les étiquettes que FloodSR écrit pour la méthode ou le modèle de l'élément (les sorties n'apparaissent qu'une fois complètes). Une relance ne fait donc que ce qui manque ou a échoué.

local : des processus de travail sur cette machine, qui se partagent les cœurs. slurm : un tableau de tâches avec une tâche par élément et une tâche finale qui écrit le rapport, soumis avec sbatch. Les tâches exécutent cette extension avec ce Python : l'extension, Python, les entrées, les sorties et le dossier du rapport doivent donc être sur un système de fichiers que chaque nœud de calcul voit sous les mêmes chemins.

Le rapport est un CSV avec id,status,seconds,output,message ; status vaut done (fait), skipped (sauté) ou failed (échec).</translation>
    </message>
    <message>
      <source>flood,batch,manifest,slurm,cluster,parallel,s3</source>
      <translation>inondation,lot,manifeste,slurm,grappe,parallèle,s3</translation>
    </message>
    <message>
      <source>One scene per row: id,depth,dem,output and optionally method,model.</source>
      <translation type="vanished">Une scène par ligne : id,depth,dem,output et, au choix, method,model.</translation>
    </message>
    <message>
      <source>local: worker processes on this machine. slurm: a Slurm job array (sbatch).</source>
      <translation>local : des processus de travail sur cette machine. slurm : un tableau de tâches Slurm (sbatch).</translation>
    </message>
    <message>
      <source>Off: items whose output is already there are skipped. On: every item runs again.</source>
      <translation>Désactivé : les éléments dont la sortie existe déjà sont sautés. Activé : chaque élément est relancé.</translation>
    </message>
    <message>
      <source>On: follow the jobs until they end, with progress. Off: return the job ids at once; the report job writes the report when the items are done.</source>
      <translation>Activé : suivre les tâches jusqu'à leur fin, avec la progression. Désactivé : rendre aussitôt les identifiants des tâches ; la tâche de rapport écrit le rapport quand les éléments sont finis.</translation>
    </message>
    <message>
      <source>id,status,seconds,output,message for every row of the manifest.</source>
      <translation>id,status,seconds,output,message pour chaque ligne du manifeste.</translation>
    </message>
    <message>
      <source>Items done</source>
      <translation>Éléments faits</translation>
    </message>
    <message>
      <source>Items skipped</source>
      <translation>Éléments sautés</translation>
    </message>
    <message>
      <source>Items failed</source>
      <translation>Éléments en échec</translation>
    </message>
    <message>
      <source>Slurm job ids</source>
      <translation>Identifiants des tâches Slurm</translation>
    </message>
    <message>
      <source>Items run at once on this machine; each gets cores / workers threads. Each needs its own memory.</source>
      <translation>Éléments lancés en même temps sur cette machine ; chacun reçoit cœurs / processus fils d'exécution. Chacun a besoin de sa propre mémoire.</translation>
    </message>
    <message>
      <source>The partition (queue) to submit to; the cluster's default when empty.</source>
      <translation>La partition (file) où soumettre ; celle par défaut de la grappe si vide.</translation>
    </message>
    <message>
      <source>Cores for each item; the model and GDAL use this many threads.</source>
      <translation>Cœurs pour chaque élément ; le modèle et GDAL utilisent autant de fils d'exécution.</translation>
    </message>
    <message>
      <source>As sbatch's --mem, e.g. 8G. An item over it is killed and reported failed.</source>
      <translation>Comme --mem de sbatch, p. ex. 8G. Un élément qui le dépasse est tué et signalé en échec.</translation>
    </message>
    <message>
      <source>As sbatch's --time, e.g. 02:00:00.</source>
      <translation>Comme --time de sbatch, p. ex. 02:00:00.</translation>
    </message>
    <message>
      <source>Most items running at once (the %K of the job array); 0: as many as the cluster allows.</source>
      <translation>Nombre maximal d'éléments en cours à la fois (le %K du tableau de tâches) ; 0 : autant que la grappe le permet.</translation>
    </message>
    <message>
      <source>Manifest (CSV)</source>
      <translation>Manifeste (CSV)</translation>
    </message>
    <message>
      <source>Run on</source>
      <translation>Exécuter sur</translation>
    </message>
    <message>
      <source>Overwrite finished outputs</source>
      <translation>Écraser les sorties terminées</translation>
    </message>
    <message>
      <source>Wait for the Slurm jobs</source>
      <translation>Attendre les tâches Slurm</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
      <source>Local workers</source>
      <translation>Processus locaux</translation>
    </message>
    <message>
      <source>Slurm partition</source>
      <translation>Partition Slurm</translation>
    </message>
    <message>
      <source>Slurm CPUs per task</source>
      <translation>Processeurs Slurm par tâche</translation>
    </message>
    <message>
      <source>Slurm memory per task</source>
      <translation>Mémoire Slurm par tâche</translation>
    </message>
    <message>
      <source>Slurm time limit per task</source>
      <translation>Durée limite Slurm par tâche</translation>
    </message>
    <message>
      <source>Slurm concurrent tasks</source>
      <translation>Tâches Slurm simultanées</translation>
    </message>
    <message>
      <source>The output is already there.</source>
      <translation>La sortie existe déjà.</translation>
    </message>
    <message>
      <source>The item's process ended with exit code {code} and no result; see {log}.</source>
      <translation>Le processus de l'élément s'est terminé avec le code {code} sans résultat ; voir {log}.</translation>
    </message>
    <message>
      <source>{item_id}: {status} in {seconds:.1f} s.</source>
      <translation>{item_id} : {status} en {seconds:.1f} s.</translation>
    </message>
    <message>
      <source>The item's process was killed by signal {signal} (out of memory, or stopped from outside); see {log}.</source>
      <translation>Le processus de l'élément a été tué par le signal {signal} (mémoire épuisée, ou arrêté de l'extérieur) ; voir {log}.</translation>
    </message>
    <message>
      <source>The item's process ended without a result (killed, out of memory or over its time limit); see {log}.</source>
      <translation>Le processus de l'élément s'est terminé sans résultat (tué, mémoire épuisée ou durée limite dépassée) ; voir {log}.</translation>
    </message>
    <message>
      <source>Batch finished in {seconds:.1f} s: {done} done, {skipped} skipped, {failed} failed of {total} items.</source>
      <translation>Lot terminé en {seconds:.1f} s : {done} faits, {skipped} sautés, {failed} en échec sur {total} éléments.</translation>
    </message>
    <message>
      <source>Unknown executor {executor!r}; use one of {choices}.</source>
      <translation>Exécuteur {executor!r} inconnu ; utilisez l'un de {choices}.</translation>
    </message>
    <message>
      <source>{pending} of {total} items to run ({settled} skipped or invalid), {threads} thread(s) each.</source>
      <translation type="vanished">{pending} éléments sur {total} à lancer ({settled} sautés ou invalides), {threads} fil(s) d'exécution chacun.</translation>
    </message>
    <message>
      <source>Cannot run {item_id!r}: {problem}</source>
      <translation>Impossible de lancer {item_id!r} : {problem}</translation>
    </message>
    <message>
      <source>Submitted Slurm job array {array} and report job {collect}; batch folder {folder}.</source>
      <translation>Tableau de tâches Slurm {array} et tâche de rapport {collect} soumis ; dossier du lot {folder}.</translation>
    </message>
    <message>
      <source>Slurm refused the job (sbatch exit code {code}): {error}</source>
      <translation>Slurm a refusé la tâche (code de sortie de sbatch {code}) : {error}</translation>
    </message>
    <message>
      <source>{command} was not found: the Slurm executor runs on a machine with Slurm's client commands (sbatch, squeue, scancel) on its PATH.</source>
      <translation>{command} est introuvable : l'exécuteur Slurm tourne sur une machine dont le PATH contient les commandes clientes de Slurm (sbatch, squeue, scancel).</translation>
    </message>
    <message>
      <source>Slurm jobs {jobs}: {states}; {finished} of {total} items finished.</source>
      <translation>Tâches Slurm {jobs} : {states} ; {finished} éléments terminés sur {total}.</translation>
    </message>
    <message>
      <source>Item {item_id} (line {line}) -&gt; {output}</source>
      <translation>Élément {item_id} (ligne {line}) -&gt; {output}</translation>
    </message>
    <message>
      <source>Unexpected error: {error}; see {log}.</source>
      <translation>Erreur inattendue : {error} ; voir {log}.</translation>
    </message>
    <message>
      <source>The manifest {path} lacks the column(s) {missing}. Its first line must name the columns: id,depth,dem,output and optionally method,model.</source>
      <translation type="vanished">Il manque au manifeste {path} la ou les colonnes {missing}. Sa première ligne doit nommer les colonnes : id,depth,dem,output et, au choix, method,model.</translation>
    </message>
    <message>
      <source>The manifest {path} has no items: add one row per scene below its header.</source>
      <translation>Le manifeste {path} n'a aucun élément : ajoutez une ligne par scène sous son en-tête.</translation>
    </message>
    <message>
      <source>Line {line}: the id is empty; give every item a unique id.</source>
      <translation>Ligne {line} : l'id est vide ; donnez à chaque élément un id unique.</translation>
    </message>
    <message>
      <source>Line {line}: the output {path} must end in .tif.</source>
      <translation type="vanished">Ligne {line} : la sortie {path} doit se terminer par .tif.</translation>
    </message>
    <message>
      <source>Line {line}: the output folder {folder} does not exist.</source>
      <translation type="vanished">Ligne {line} : le dossier de sortie {folder} n'existe pas.</translation>
    </message>
    <message>
      <source>Line {line}: unknown method {method!r}; use one of {choices}.</source>
      <translation>Ligne {line} : méthode {method!r} inconnue ; utilisez l'une de {choices}.</translation>
    </message>
    <message>
      <source>Line {line}: the model {name} is not downloaded yet; fetch it first (floodsr:fetchmodel).</source>
      <translation type="vanished">Ligne {line} : le modèle {name} n'est pas encore téléchargé ; récupérez-le d'abord (floodsr:fetchmodel).</translation>
    </message>
    <message>
      <source>Line {line}: the {column} {value} is already used on line {first}; each item needs its own.</source>
      <translation>Ligne {line} : la valeur {value} de la colonne {column} est déjà utilisée à la ligne {first} ; chaque élément a besoin de la sienne.</translation>
    </message>
    <message>
      <source>The manifest {path} cannot be read ({error}).</source>
      <translation>Le manifeste {path} ne peut pas être lu ({error}).</translation>
    </message>
    <message>
      <source>Line {line}: the {role} raster {path} does not exist.</source>
      <translation>Ligne {line} : le raster {role} {path} n'existe pas.</translation>
    </message>
    <message>
      <source>Line {line}: the model file {path} does not exist.</source>
      <translation type="vanished">Ligne {line} : le fichier de modèle {path} n'existe pas.</translation>
    </message>
    <message>
      <source>Line {line}: {problem}</source>
      <translation>Ligne {line} : {problem}</translation>
    </message>
    <message>
      <source>The storage location {folder} of the output cannot be reached. Check the bucket name, the endpoint and the credentials in GDAL's configuration (environment variables such as AWS_ACCESS_KEY_ID).</source>
      <translation>L'emplacement de stockage {folder} de la sortie est injoignable. Vérifiez le nom du bucket, le point d'accès et les identifiants dans la configuration de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID).</translation>
    </message>
    <message>
      <source>The upload of {path} did not complete ({found} of {size} bytes arrived). Run it again.</source>
      <translation>Le téléversement de {path} ne s'est pas terminé ({found} octets arrivés sur {size}). Relancez-le.</translation>
    </message>
    <message>
      <source>Uploading the output to {path} failed ({error}); nothing was written there.</source>
      <translation>Le téléversement de la sortie vers {path} a échoué ({error}) ; rien n'y a été écrit.</translation>
    </message>
    <message>
      <source>{method} on {width} x {height} cells needs about {needed:.3g} GB of memory but {available:.3g} GB is available. Split the DEM into tiles (e.g. with floodsr:batch), use a coarser DEM, or free memory.</source>
      <translation type="vanished">{method} sur {width} x {height} cellules demande environ {needed:.3g} Go de mémoire mais {available:.3g} Go sont disponibles. Découpez le MNT en tuiles (p. ex. avec floodsr:batch), utilisez un MNT plus grossier, ou libérez de la mémoire.</translation>
    </message>
    <message>
      <source>Line {line}: super-resolution needs onnxruntime, which is not installed; run floodsr:installruntime first, or choose a classic method.</source>
      <translation>Ligne {line} : la super-résolution a besoin d'onnxruntime, qui n'est pas installé ; lancez d'abord floodsr:installruntime, ou choisissez une méthode classique.</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a float32 GeoTIFF on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.

The output is one GeoTIFF, band by band: the depth of each depth band chosen; with test-time augmentation, the spread of each (standard deviation in metres over 4 or 8 flipped and rotated runs, nodata where dry; the depth is then their mean, and the model takes 4 or 8 times as long); when the model ships its training range, an applicability band per depth band (0 where the tile's terrain and flood are inside what the model was trained on, else the sum of 1 relief, 2 slope, 4 mean depth, 8 maximum depth, 16 wet fraction, 32 cell size for the features outside). Running again into the same file with a band it lacks adds only that band. Tiles where the model's output is unusable get the volume-conserving subgrid estimate instead and are listed in the log.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF float32 sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.

La sortie est un seul GeoTIFF, bande par bande : la hauteur de chaque bande de hauteur choisie ; avec l'augmentation au moment de l'inférence, la dispersion de chacune (écart type en mètres sur 4 ou 8 exécutions retournées et pivotées, nodata où c'est sec ; la hauteur est alors leur moyenne, et le modèle prend 4 ou 8 fois plus de temps) ; quand le modèle fournit son domaine d'entraînement, une bande d'applicabilité par bande de hauteur (0 où le terrain et l'inondation de la tuile sont dans ce sur quoi le modèle a été entraîné, sinon la somme de 1 relief, 2 pente, 4 hauteur moyenne, 8 hauteur maximale, 16 part mouillée, 32 taille de cellule pour les grandeurs hors domaine). Relancer dans le même fichier avec une bande qui lui manque n'ajoute que cette bande. Les tuiles où la sortie du modèle est inutilisable reçoivent à la place l'estimation sous-maille qui conserve le volume et sont listées dans le journal.</translation>
    </message>
    <message>
      <source>For a depth raster of several scenarios or time steps: every band goes into the matching band of the output, in one pass over the DEM. 'Depth band' is then ignored.</source>
      <translation type="vanished">Pour un raster de hauteur à plusieurs scénarios ou pas de temps : chaque bande va dans la bande correspondante de la sortie, en un seul passage sur le MNT. « Bande de hauteur » est alors ignorée.</translation>
    </message>
    <message>
      <source>Runs the model on flipped and rotated copies of every tile and adds a band with the spread (standard deviation, m) of the results; the depth becomes their mean. Costs 4 or 8 times the model time.</source>
      <translation type="vanished">Exécute le modèle sur des copies retournées et pivotées de chaque tuile et ajoute une bande avec la dispersion (écart type, m) des résultats ; la hauteur devient leur moyenne. Coûte 4 ou 8 fois le temps du modèle.</translation>
    </message>
    <message>
      <source>Blending weight map (debug)</source>
      <translation>Carte des poids de fusion (débogage)</translation>
    </message>
    <message>
      <source>The sum of the tiles' blending weights on the model grid, to inspect how tiles are blended.</source>
      <translation>La somme des poids de fusion des tuiles sur la grille du modèle, pour examiner comment les tuiles sont fusionnées.</translation>
    </message>
    <message>
      <source>Float32 (exact), Float16 (half the size, 3 significant digits) or Int16 centimetres (half the size, 1 cm steps; the file's scale makes GDAL and QGIS read metres).</source>
      <translation>Float32 (exact), Float16 (moitié de la taille, 3 chiffres significatifs) ou Int16 en centimètres (moitié de la taille, pas de 1 cm ; l'échelle du fichier fait lire des mètres à GDAL et QGIS).</translation>
    </message>
    <message>
      <source>Tiles whose model output is not finite or outside 0 to the maximum depth get the subgrid estimate; when more than this share of tiles need it, the run fails instead.</source>
      <translation type="vanished">Les tuiles dont la sortie du modèle n'est pas finie ou sort de 0 à la hauteur maximale reçoivent l'estimation sous-maille ; si plus de cette part des tuiles en a besoin, le traitement échoue.</translation>
    </message>
    <message>
      <source>Every band of the depth raster</source>
      <translation>Toutes les bandes du raster de hauteur</translation>
    </message>
    <message>
      <source>Uncertainty: test-time augmentation</source>
      <translation type="vanished">Incertitude : augmentation au moment de l'inférence</translation>
    </message>
    <message>
      <source>Bands of the output</source>
      <translation>Bandes de la sortie</translation>
    </message>
    <message>
      <source>Tiles given the subgrid estimate</source>
      <translation>Tuiles ayant reçu l'estimation sous-maille</translation>
    </message>
    <message>
      <source>Where the subgrid estimate was used</source>
      <translation>Où l'estimation sous-maille a été utilisée</translation>
    </message>
    <message>
      <source>Share of tiles outside the training range</source>
      <translation>Part des tuiles hors du domaine d'entraînement</translation>
    </message>
    <message>
      <source>Output data type</source>
      <translation>Type de données de la sortie</translation>
    </message>
    <message>
      <source>Most tiles allowed the subgrid fallback (%)</source>
      <translation>Part maximale de tuiles avec repli sous-maille (%)</translation>
    </message>
    <message>
      <source>Flood depth, band {} ({})</source>
      <translation type="vanished">Hauteur d'inondation, bande {} ({})</translation>
    </message>
    <message>
      <source>Depth spread, band {} ({})</source>
      <translation type="vanished">Dispersion de la hauteur, bande {} ({})</translation>
    </message>
    <message>
      <source>Outside the training range, band {} ({})</source>
      <translation type="vanished">Hors du domaine d'entraînement, bande {} ({})</translation>
    </message>
    <message>
      <source>off</source>
      <translation type="vanished">désactivée</translation>
    </message>
    <message>
      <source>4 variants (4 x the model time)</source>
      <translation type="vanished">4 variantes (4 x le temps du modèle)</translation>
    </message>
    <message>
      <source>8 variants (8 x)</source>
      <translation type="vanished">8 variantes (8 x)</translation>
    </message>
    <message>
      <source>depth band {}, tile row {}, column {}</source>
      <translation>bande de hauteur {}, tuile ligne {}, colonne {}</translation>
    </message>
    <message>
      <source>Cannot write {path} ({error}). Check the disk space and permissions of the output folder; the existing file was left as it was.</source>
      <translation type="vanished">Impossible d'écrire {path} ({error}). Vérifiez l'espace disque et les droits du dossier de sortie ; le fichier existant est resté tel quel.</translation>
    </message>
    <message>
      <source>The training range {path} is not readable ({error}). Write it again with the training tools, or remove it to run without the applicability band.</source>
      <translation>Le domaine d'entraînement {path} est illisible ({error}). Écrivez-le à nouveau avec les outils d'entraînement, ou supprimez-le pour travailler sans la bande d'applicabilité.</translation>
    </message>
    <message>
      <source>Test-time augmentation takes {choices} variants, not {value}.</source>
      <translation>L'augmentation au moment de l'inférence prend {choices} variantes, pas {value}.</translation>
    </message>
    <message>
      <source>Unknown output data type {value!r}; use one of {choices}.</source>
      <translation>Type de données de sortie inconnu {value!r} ; utilisez l'un de {choices}.</translation>
    </message>
    <message>
      <source>The share of tiles allowed to fall back must be from 0 to 1 (got {value}).</source>
      <translation>La part des tuiles autorisées au repli doit être de 0 à 1 (reçu {value}).</translation>
    </message>
    <message>
      <source>{count} tile(s) fell back to the subgrid estimate because the model's output was unusable there.</source>
      <translation type="vanished">{count} tuile(s) ont reçu l'estimation sous-maille car la sortie du modèle y était inutilisable.</translation>
    </message>
    <message>
      <source>{share:.1%} of tiles ({outside} of {total}) are outside the model's training range{features}.</source>
      <translation type="vanished">{share:.1%} des tuiles ({outside} sur {total}) sont hors du domaine d'entraînement du modèle{features}.</translation>
    </message>
    <message>
      <source>The model has no training range beside it: the output has no applicability band.</source>
      <translation>Le modèle n'a pas de domaine d'entraînement à côté de lui : la sortie n'a pas de bande d'applicabilité.</translation>
    </message>
    <message>
      <source>{path} already has bands {kept}; only {missing} are computed and added to it.</source>
      <translation>{path} a déjà les bandes {kept} ; seules {missing} sont calculées et ajoutées.</translation>
    </message>
    <message>
      <source>Test-time augmentation: every tile runs through the model {variants} times (flipped and rotated), so the model takes {variants} times as long.</source>
      <translation>Augmentation au moment de l'inférence : chaque tuile passe {variants} fois dans le modèle (retournée et pivotée), le modèle prend donc {variants} fois plus de temps.</translation>
    </message>
    <message>
      <source>{count} non-finite values</source>
      <translation>{count} valeurs non finies</translation>
    </message>
    <message>
      <source>values from {low:.4g} to {high:.4g} outside the model's range 0 to {top:.4g}</source>
      <translation type="vanished">des valeurs de {low:.4g} à {high:.4g} hors de la plage 0 à {top:.4g} du modèle</translation>
    </message>
    <message>
      <source>Tile at row {row}, column {column} (model cells from row {y0}, column {x0}), depth band {band}: the model's output has {problem}; the subgrid estimate is used there instead.</source>
      <translation>Tuile ligne {row}, colonne {column} (cellules du modèle à partir de la ligne {y0}, colonne {x0}), bande de hauteur {band} : la sortie du modèle a {problem} ; l'estimation sous-maille y est utilisée à la place.</translation>
    </message>
    <message>
      <source>Int16 centimetres hold depths up to {largest} m, below the maximum depth of {value} m. Choose Float32 or Float16, or a lower maximum depth.</source>
      <translation>Les centimètres en Int16 contiennent des hauteurs jusqu'à {largest} m, sous la hauteur maximale de {value} m. Choisissez Float32 ou Float16, ou une hauteur maximale plus basse.</translation>
    </message>
    <message>
      <source>4 or 8 runs the model on flipped and rotated copies of every tile and adds a band with the spread (standard deviation, m) of the results; the depth becomes their mean. Costs 4 or 8 times the model time. 1 runs each tile once, with no spread band.</source>
      <translation>4 ou 8 exécute le modèle sur des copies retournées et pivotées de chaque tuile et ajoute une bande avec la dispersion (écart type, m) des résultats ; la hauteur devient leur moyenne. Coûte 4 ou 8 fois le temps du modèle. 1 exécute chaque tuile une seule fois, sans bande de dispersion.</translation>
    </message>
    <message>
      <source>Uncertainty: test-time augmentation variants (1: off)</source>
      <translation>Incertitude : variantes d'augmentation au moment de l'inférence (1 : désactivée)</translation>
    </message>
    <message>
      <source>Flood depth spread: standard deviation over test-time augmentations (m)</source>
      <translation type="vanished">Dispersion de la hauteur d'eau : écart type sur les augmentations au moment de l'inférence (m)</translation>
    </message>
    <message>
      <source>Area of applicability (0 inside the model's training range, else bits of the features outside)</source>
      <translation type="vanished">Domaine d'applicabilité (0 dans le domaine d'entraînement du modèle, sinon les bits des grandeurs hors domaine)</translation>
    </message>
    <message>
      <source>{text}, input band {band}</source>
      <translation>{text}, bande d'entrée {band}</translation>
    </message>
    <message>
      <source>{tiles} fell back to the subgrid estimate because the model's output was unusable there.</source>
      <translation>{tiles} : estimation sous-maille utilisée à la place, car la sortie du modèle y était inutilisable.</translation>
    </message>
    <message>
      <source>Sum of tile blending weights</source>
      <translation>Somme des poids de fusion des tuiles</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a GeoTIFF (float32 by default) on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the DEM is in another CRS it is reprojected on the fly into the depth raster's CRS. The depth raster must be in a projected CRS.

A model does not always keep the coarse water volume. 'Keep each coarse cell's water volume' corrects its output so that it does (after the depth clip), and the log says by how much the model was off.

Tile overlap is counted in coarse pixels, the cells of the depth raster: an overlap of 8 means neighbouring tiles share a strip 8 depth cells wide.

Preview extent: draw or pick an extent to run only there first; the result equals the same cells of a full run, so a few seconds show what a long run will give.

The output is one GeoTIFF, band by band: the depth of each depth band chosen; with test-time augmentation, the spread of each (standard deviation in metres over 4 or 8 flipped and rotated runs, nodata where dry; the depth is then their mean, and the model takes 4 or 8 times as long); when the model ships its training range, an applicability band per depth band (0 where the tile's terrain and flood are inside what the model was trained on, else the sum of 1 relief, 2 slope, 4 mean depth, 8 maximum depth, 16 wet fraction, 32 cell size for the features outside). Running again into the same file with a band it lacks adds only that band. Tiles where the model's output is unusable get the volume-conserving subgrid estimate instead and are listed in the log.</source>
      <translation type="vanished">Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF (float32 par défaut) sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le MNT est dans un autre SCR, il est reprojeté à la volée dans le SCR du raster de hauteur. Le raster de hauteur doit être dans un SCR projeté.

Un modèle ne conserve pas toujours le volume d'eau grossier. « Garder le volume d'eau de chaque cellule grossière » corrige sa sortie pour qu'il le conserve (après le plafonnement des hauteurs), et le journal indique de combien le modèle s'en écartait.

Le recouvrement des tuiles se compte en pixels grossiers, les cellules du raster de hauteur : un recouvrement de 8 signifie que deux tuiles voisines partagent une bande de 8 cellules de hauteur de large.

Emprise d'aperçu : tracez ou choisissez une emprise pour ne calculer d'abord que là ; le résultat est égal aux mêmes cellules d'un calcul complet, si bien que quelques secondes montrent ce que donnera un long calcul.

La sortie est un seul GeoTIFF, bande par bande : la hauteur de chaque bande de hauteur choisie ; avec l'augmentation au moment de l'inférence, la dispersion de chacune (écart type en mètres sur 4 ou 8 exécutions retournées et pivotées, nodata où c'est sec ; la hauteur est alors leur moyenne, et le modèle prend 4 ou 8 fois plus de temps) ; quand le modèle fournit son domaine d'entraînement, une bande d'applicabilité par bande de hauteur (0 où le terrain et l'inondation de la tuile sont dans ce sur quoi le modèle a été entraîné, sinon la somme de 1 relief, 2 pente, 4 hauteur moyenne, 8 hauteur maximale, 16 part mouillée, 32 taille de cellule pour les grandeurs hors domaine). Relancer dans le même fichier avec une bande qui lui manque n'ajoute que cette bande. Les tuiles où la sortie du modèle est inutilisable reçoivent à la place l'estimation sous-maille qui conserve le volume et sont listées dans le journal.</translation>
    </message>
    <message>
      <source>The model's output is unusable (not finite, or outside 0 to the maximum depth) in more than {share:.0%} of the tiles (the last, the tile at row {row}, column {column}: {problem}), so the run stops. Check the model and its inputs, or raise the share of tiles allowed to fall back to the subgrid estimate.</source>
      <translation type="vanished">La sortie du modèle est inutilisable (non finie, ou hors de 0 à la hauteur maximale) dans plus de {share:.0%} des tuiles (la dernière, la tuile ligne {row}, colonne {column} : {problem}), le traitement s'arrête donc. Vérifiez le modèle et ses entrées, ou augmentez la part des tuiles autorisées au repli sur l'estimation sous-maille.</translation>
    </message>
    <message>
      <source>Tiles whose model output is not finite get the subgrid estimate (finite values outside 0 to the maximum depth are clipped to it); when more than this share of tiles need it, the run fails instead.</source>
      <translation>Les tuiles dont la sortie du modèle n'est pas finie reçoivent l'estimation sous-maille (les valeurs finies hors de 0 à la hauteur maximale y sont ramenées) ; si plus de cette part des tuiles en a besoin, le traitement échoue.</translation>
    </message>
    <message>
      <source>The model's output is unusable (not finite) in more than {share:.0%} of the tiles (the last, the tile at row {row}, column {column}: {problem}), so the run stops. Check the model and its inputs, or raise the share of tiles allowed to fall back to the subgrid estimate.</source>
      <translation>La sortie du modèle est inutilisable (non finie) dans plus de {share:.0%} des tuiles (la dernière, la tuile ligne {row}, colonne {column} : {problem}), le traitement s'arrête donc. Vérifiez le modèle et ses entrées, ou augmentez la part des tuiles autorisées au repli sur l'estimation sous-maille.</translation>
    </message>
    <message>
      <source>{share:.2%} of the model's output values ({count:,} of {total:,}) were outside its range 0 to {top:g} and were clipped to it, as its contract says.</source>
      <translation>{share:.2%} des valeurs de sortie du modèle ({count:,} sur {total:,}) étaient hors de sa plage 0 à {top:g} et y ont été ramenées, comme le prévoit son contrat.</translation>
    </message>
    <message>
      <source>No item of the batch succeeded ({failed} failed): see the messages and log lines above, the report {report} and the logs in {folder}.</source>
      <translation>Aucun élément du lot n'a réussi ({failed} en échec) : voyez les messages et les lignes de journal ci-dessus, le rapport {report} et les journaux dans {folder}.</translation>
    </message>
    <message>
      <source>Last lines of the log of {item_id} ({log}):
{lines}</source>
      <translation>Dernières lignes du journal de {item_id} ({log}) :
{lines}</translation>
    </message>
    <message>
      <source>Turns a coarse water-depth raster (for example 30 m, from a fast hydraulic model) into a fine one on the grid of a high-resolution DEM (for example 2 m), with a FloodSR super-resolution model run by onnxruntime.

The output is a GeoTIFF (float32 by default) on the DEM's own grid (same CRS and cell size) covering the depth raster's extent. Cells where the DEM has no data are nodata; depth nodata counts as dry. Depths are clipped to the model's maximum depth and depths under 1 mm are set to 0.

Large rasters are processed tile by tile (512 x 512 model cells, overlapping and feather-blended so no seams show) and written as they finish, so memory stays flat. If the depth raster is in another CRS than the DEM, it is reprojected on the fly onto cells aligned with the DEM's (each the area-weighted average of the depth cells it covers), so the output is on the DEM's grid all the same. The depth raster must be in a projected CRS.

A model does not always keep the coarse water volume. 'Keep each coarse cell's water volume' corrects its output so that it does (after the depth clip), and the log says by how much the model was off.

Tile overlap is counted in coarse pixels, the cells of the depth raster: an overlap of 8 means neighbouring tiles share a strip 8 depth cells wide.

Preview extent: draw or pick an extent to run only there first; the result equals the same cells of a full run, so a few seconds show what a long run will give.

The output is one GeoTIFF, band by band: the depth of each depth band chosen; with test-time augmentation, the spread of each (standard deviation in metres over 4 or 8 flipped and rotated runs, nodata where dry; the depth is then their mean, and the model takes 4 or 8 times as long); when the model ships its training range, an applicability band per depth band (0 where the tile's terrain and flood are inside what the model was trained on, else the sum of 1 relief, 2 slope, 4 mean depth, 8 maximum depth, 16 wet fraction, 32 cell size for the features outside). Running again into the same file with a band it lacks adds only that band. The model's output is clipped to its range as its contract says (the log gives the share of values clipped); tiles where it is not finite get the volume-conserving subgrid estimate instead and are listed in the log.</source>
      <translation>Transforme un raster de hauteur d'eau grossier (par exemple 30 m, issu d'un modèle hydraulique rapide) en un raster fin sur la grille d'un MNT haute résolution (par exemple 2 m), avec un modèle de super-résolution FloodSR exécuté par onnxruntime.

La sortie est un GeoTIFF (float32 par défaut) sur la grille propre du MNT (même SCR et même taille de cellule) couvrant l'emprise du raster de hauteur. Les cellules sans donnée dans le MNT sont nodata ; les nodata de hauteur comptent comme secs. Les hauteurs sont plafonnées à la hauteur maximale du modèle et celles inférieures à 1 mm sont mises à 0.

Les grands rasters sont traités tuile par tuile (512 x 512 cellules du modèle, se recouvrant et fondues en dégradé pour qu'aucune couture ne se voie) et écrits au fur et à mesure, la mémoire reste donc constante. Si le raster de hauteur est dans un autre SCR que le MNT, il est reprojeté à la volée sur des cellules alignées sur celles du MNT (chacune la moyenne pondérée par la surface des cellules de hauteur qu'elle couvre), si bien que la sortie est tout de même sur la grille du MNT. Le raster de hauteur doit être dans un SCR projeté.

Un modèle ne conserve pas toujours le volume d'eau grossier. « Garder le volume d'eau de chaque cellule grossière » corrige sa sortie pour qu'il le conserve (après le plafonnement des hauteurs), et le journal indique de combien le modèle s'en écartait.

Le recouvrement des tuiles se compte en pixels grossiers, les cellules du raster de hauteur : un recouvrement de 8 signifie que deux tuiles voisines partagent une bande de 8 cellules de hauteur de large.

Emprise d'aperçu : tracez ou choisissez une emprise pour ne calculer d'abord que là ; le résultat est égal aux mêmes cellules d'un calcul complet, si bien que quelques secondes montrent ce que donnera un long calcul.

La sortie est un seul GeoTIFF, bande par bande : la hauteur de chaque bande de hauteur choisie ; avec l'augmentation au moment de l'inférence, la dispersion de chacune (écart type en mètres sur 4 ou 8 exécutions retournées et pivotées, nodata où c'est sec ; la hauteur est alors leur moyenne, et le modèle prend 4 ou 8 fois plus de temps) ; quand le modèle fournit son domaine d'entraînement, une bande d'applicabilité par bande de hauteur (0 où le terrain et l'inondation de la tuile sont dans ce sur quoi le modèle a été entraîné, sinon la somme de 1 relief, 2 pente, 4 hauteur moyenne, 8 hauteur maximale, 16 part mouillée, 32 taille de cellule pour les grandeurs hors domaine). Relancer dans le même fichier avec une bande qui lui manque n'ajoute que cette bande. La sortie du modèle est ramenée à sa plage comme le prévoit son contrat (le journal donne la part des valeurs ramenées) ; les tuiles où elle n'est pas finie reçoivent à la place l'estimation sous-maille qui conserve le volume et sont listées dans le journal.</translation>
    </message>
    <message>
      <source>The {role} raster's CRS ({crs}) differs from the DEM's ({dem_crs}): the {role} raster is reprojected on the fly onto {dx:.4g} x {dy:.4g} cells aligned with the DEM's (each the area-weighted average of the cells it covers), and the output is written on the DEM's grid.</source>
      <translation>Le SCR du raster « {role} » ({crs}) diffère de celui du MNT ({dem_crs}) : le raster « {role} » est reprojeté à la volée sur des cellules de {dx:.4g} x {dy:.4g} alignées sur celles du MNT (chacune la moyenne pondérée par la surface des cellules qu'elle couvre), et la sortie est écrite sur la grille du MNT.</translation>
    </message>
    <message>
      <source>Optional: a GeoTIFF of the water-surface elevation (DEM + depth, m, in the DEM's vertical datum) where the fine depth is wet, nodata where it is dry; on the same grid as the depth.</source>
      <translation>Facultatif : un GeoTIFF de l'altitude de la surface de l'eau (MNT + hauteur, m, dans le référentiel vertical du MNT) là où la hauteur fine est mouillée, nodata là où elle est sèche ; sur la même grille que la hauteur.</translation>
    </message>
    <message>
      <source>Fine cells shallower than this become dry (0 keeps every depth; 0.05 m is a common choice, as in hydromt-sfincs). The output's metadata says which minimum depth was used.</source>
      <translation>Les cellules fines moins profondes que ceci deviennent sèches (0 garde toutes les hauteurs ; 0,05 m est un choix courant, comme dans hydromt-sfincs). Les métadonnées de la sortie indiquent la hauteur minimale utilisée.</translation>
    </message>
    <message>
      <source>Water-surface elevation</source>
      <translation>Altitude de la surface de l'eau</translation>
    </message>
    <message>
      <source>Minimum depth (m)</source>
      <translation>Hauteur minimale (m)</translation>
    </message>
    <message>
      <source>The minimum depth must be from 0 to {largest:g} m (got {value:g}); 0.05 m is a common choice.</source>
      <translation>La hauteur minimale doit être comprise entre 0 et {largest:g} m (reçu {value:g}) ; 0,05 m est un choix courant.</translation>
    </message>
    <message>
      <source>Water-surface elevation (m)</source>
      <translation>Altitude de la surface de l'eau (m)</translation>
    </message>
    <message>
      <source>High-water marks: bias, estimate minus observed (m)</source>
      <translation>Laisses de crue : biais, estimation moins observation (m)</translation>
    </message>
    <message>
      <source>High-water marks: mean absolute error (m)</source>
      <translation>Laisses de crue : erreur absolue moyenne (m)</translation>
    </message>
    <message>
      <source>High-water marks: root mean squared error (m)</source>
      <translation>Laisses de crue : erreur quadratique moyenne (m)</translation>
    </message>
    <message>
      <source>High-water marks: share within 0.1 m</source>
      <translation>Laisses de crue : part à 0,1 m près</translation>
    </message>
    <message>
      <source>High-water marks: share within 0.3 m</source>
      <translation>Laisses de crue : part à 0,3 m près</translation>
    </message>
    <message>
      <source>High-water marks scored</source>
      <translation>Laisses de crue évaluées</translation>
    </message>
    <message>
      <source>High-water marks missed (dry in the estimate)</source>
      <translation>Laisses de crue manquées (sèches dans l'estimation)</translation>
    </message>
    <message>
      <source>Scores a fine flood-depth raster (the estimate) against a reference (the truth), over cells valid in both (and inside the mask, if given). If the estimate is on another grid it is resampled (bilinear) onto the reference grid, and the log says so.

MAE, RMSE and bias of estimate - reference; RMSE over reference cells &gt;= 1 mm deep; PSNR = 20 log10(max depth) - 10 log10(MSE); SSIM with one global window; wet/dry skill at the wet threshold: hit rate TP/(TP+FN), false alarm ratio FP/(TP+FP), CSI TP/(TP+FP+FN). These match the FloodSR reference metrics. Volume ratio: the estimate's water volume over the reference's, on the cells scored (1 = same volume).

Rasters are read block by block, so memory does not grow with their size.

High-water marks: observed water levels (or depths) at points, e.g. surveyed after a real flood. Each mark is compared with the estimate in the cell holding it: DEM + depth for a water level, the depth for a depth. A mark where the estimate is shallower than the wet threshold is missed; a mark outside the rasters or on nodata is not scored. Bias, MAE and RMSE are over the marks the estimate wets; the shares within 0.1 m and 0.3 m are over the wet and missed marks (a missed mark is never within). With marks, the reference raster may be left out.</source>
      <translation>Évalue un raster de hauteur d'eau fine (l'estimation) par rapport à une référence (la vérité), sur les cellules valides dans les deux (et dans le masque, s'il est fourni). Si l'estimation est sur une autre grille, elle est rééchantillonnée (bilinéaire) sur la grille de référence, et le journal le signale.

MAE, RMSE et biais de estimation - référence ; RMSE sur les cellules de référence d'au moins 1 mm ; PSNR = 20 log10(hauteur max) - 10 log10(MSE) ; SSIM avec une seule fenêtre globale ; détection sec/mouillé au seuil de mouillage : taux de détection TP/(TP+FN), taux de fausses alertes FP/(TP+FP), CSI TP/(TP+FP+FN). Ces définitions sont celles des métriques de référence de FloodSR. Rapport des volumes : le volume d'eau de l'estimation sur celui de la référence, sur les cellules évaluées (1 = même volume).

Les rasters sont lus bloc par bloc, la mémoire ne croît donc pas avec leur taille.

Laisses de crue : des cotes d'eau (ou des hauteurs) observées en des points, par exemple relevées après une crue réelle. Chaque laisse est comparée à l'estimation dans la cellule qui la contient : MNT + hauteur pour une cote, la hauteur pour une hauteur. Une laisse où l'estimation est moins profonde que le seuil de mouillage est manquée ; une laisse hors des rasters ou sur nodata n'est pas évaluée. Le biais, la MAE et la RMSE portent sur les laisses que l'estimation mouille ; les parts à 0,1 m et 0,3 m près portent sur les laisses mouillées et manquées (une laisse manquée n'est jamais dans la tolérance). Avec des laisses, le raster de référence peut être omis.</translation>
    </message>
    <message>
      <source>The depth taken as true, e.g. a fine hydraulic simulation; its grid is used. Optional when high-water marks are given.</source>
      <translation>La hauteur tenue pour vraie, par exemple une simulation hydraulique fine ; sa grille est utilisée. Facultative quand des laisses de crue sont fournies.</translation>
    </message>
    <message>
      <source>The DEM the estimate was made on: high-water marks of water level are compared with DEM + depth.</source>
      <translation>Le MNT sur lequel l'estimation a été faite : les laisses de crue en cote d'eau sont comparées à MNT + hauteur.</translation>
    </message>
    <message>
      <source>The marks with their attributes and the scores: estimate_m (the estimate's level or depth there), error_m (estimate minus observed) and status (scored, missed or outside).</source>
      <translation>Les laisses avec leurs attributs et les scores : estimate_m (la cote ou la hauteur de l'estimation à cet endroit), error_m (estimation moins observation) et status (scored : évaluée, missed : manquée, outside : hors des rasters).</translation>
    </message>
    <message>
      <source>Scored high-water marks</source>
      <translation>Laisses de crue évaluées (couche)</translation>
    </message>
    <message>
      <source>Choose the field of the high-water marks that holds the observed value.</source>
      <translation>Choisissez le champ des laisses de crue qui contient la valeur observée.</translation>
    </message>
    <message>
      <source>Points where the water level (or depth) was observed, e.g. surveyed flood marks. Each is compared with the estimate in the cell holding it; a mark the estimate leaves dry is missed.</source>
      <translation>Points où la cote d'eau (ou la hauteur) a été observée, par exemple des laisses de crue relevées. Chacun est comparé à l'estimation dans la cellule qui le contient ; une laisse que l'estimation laisse sèche est manquée.</translation>
    </message>
    <message>
      <source>The field of the marks holding the observed water level or depth, in metres.</source>
      <translation>Le champ des laisses qui contient la cote d'eau ou la hauteur observée, en mètres.</translation>
    </message>
    <message>
      <source>level: a water level in the DEM's vertical datum, compared with DEM + depth (give the DEM). depth: a water depth, compared with the depth.</source>
      <translation>level : une cote d'eau dans le référentiel vertical du MNT, comparée à MNT + hauteur (fournissez le MNT). depth : une hauteur d'eau, comparée à la hauteur.</translation>
    </message>
    <message>
      <source>High-water marks</source>
      <translation>Laisses de crue</translation>
    </message>
    <message>
      <source>Observed value field</source>
      <translation>Champ de la valeur observée</translation>
    </message>
    <message>
      <source>Observed value</source>
      <translation>Valeur observée</translation>
    </message>
    <message>
      <source>High-water marks ({kind}): {scored} scored, {missed} missed (dry in the estimate), {outside} outside the rasters; bias {bias:.3f} m, MAE {mae:.3f} m, RMSE {rmse:.3f} m; within 0.1 m: {within_10:.0%}, within 0.3 m: {within_30:.0%}.</source>
      <translation>Laisses de crue ({kind}) : {scored} évaluées, {missed} manquées (sèches dans l'estimation), {outside} hors des rasters ; biais {bias:.3f} m, MAE {mae:.3f} m, RMSE {rmse:.3f} m ; à 0,1 m près : {within_10:.0%}, à 0,3 m près : {within_30:.0%}.</translation>
    </message>
    <message>
      <source>Unknown kind of mark {kind!r}; use one of {choices}.</source>
      <translation>Type de laisse inconnu {kind!r} ; utilisez l'un de {choices}.</translation>
    </message>
    <message>
      <source>Observed water levels are compared with DEM + depth: give the DEM the estimate was made on, or score observed depths instead.</source>
      <translation>Les cotes d'eau observées sont comparées à MNT + hauteur : fournissez le MNT sur lequel l'estimation a été faite, ou évaluez plutôt des hauteurs observées.</translation>
    </message>
    <message>
      <source>water levels</source>
      <translation>cotes d'eau</translation>
    </message>
    <message>
      <source>depths</source>
      <translation>hauteurs</translation>
    </message>
    <message>
      <source>Errors are estimate minus observation; the shares within a tolerance count missed marks as outside it.</source>
      <translation>Les erreurs sont l'estimation moins l'observation ; les parts dans une tolérance comptent les laisses manquées comme hors de celle-ci.</translation>
    </message>
    <message>
      <source>scored</source>
      <translation>évaluée</translation>
    </message>
    <message>
      <source>missed</source>
      <translation>manquée</translation>
    </message>
    <message>
      <source>outside</source>
      <translation>hors des rasters</translation>
    </message>
    <message>
      <source>observed water levels</source>
      <translation>cotes d'eau observées</translation>
    </message>
    <message>
      <source>observed depths</source>
      <translation>hauteurs observées</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Estimate (m)</source>
      <translation>Estimation (m)</translation>
    </message>
    <message>
      <source>Error (m)</source>
      <translation>Erreur (m)</translation>
    </message>
    <message>
      <source>Marks scored</source>
      <translation>Laisses évaluées</translation>
    </message>
    <message>
      <source>Marks missed (dry in the estimate)</source>
      <translation>Laisses manquées (sèches dans l'estimation)</translation>
    </message>
    <message>
      <source>Marks outside the rasters</source>
      <translation>Laisses hors des rasters</translation>
    </message>
    <message>
      <source>Within +/- 0.1 m</source>
      <translation>À +/- 0,1 m près</translation>
    </message>
    <message>
      <source>Within +/- 0.3 m</source>
      <translation>À +/- 0,3 m près</translation>
    </message>
    <message>
      <source>Give a reference raster, high-water marks, or both, to score the estimate against.</source>
      <translation>Fournissez un raster de référence, des laisses de crue, ou les deux, pour évaluer l'estimation.</translation>
    </message>
    <message>
      <source>The difference and confusion rasters need a reference raster; give one or leave them out.</source>
      <translation>Les rasters de différence et de confusion demandent un raster de référence ; fournissez-en un ou omettez-les.</translation>
    </message>
    <message>
      <source>ramp: a continuous blue ramp from 0 to 5 m. hazard_classes: the common hazard classes under 0.15 m, 0.15 to 0.5 m, 0.5 to 1.5 m and over 1.5 m. Only how the loaded layer is drawn; the file is the same.</source>
      <translation>ramp : un dégradé bleu continu de 0 à 5 m. hazard_classes : les classes d'aléa courantes moins de 0,15 m, 0,15 à 0,5 m, 0,5 à 1,5 m et plus de 1,5 m. Seul le rendu de la couche chargée change ; le fichier est le même.</translation>
    </message>
    <message>
      <source>Depth layer style</source>
      <translation>Style de la couche de hauteur</translation>
    </message>
    <message>
      <source>Optional polygons where water cannot stand, e.g. building footprints. Fine cells whose centre lies inside one are dry, and the water of their coarse cell goes to the rest of that cell, so every coarse cell keeps its volume (a coarse cell covered entirely loses its water; the log says how much).</source>
      <translation>Polygones facultatifs où l'eau ne peut pas séjourner, par exemple les emprises des bâtiments. Les cellules fines dont le centre est dans l'un d'eux sont sèches, et l'eau de leur cellule grossière va au reste de cette cellule, si bien que chaque cellule grossière garde son volume (une cellule grossière entièrement couverte perd son eau ; le journal dit combien).</translation>
    </message>
    <message>
      <source>Obstructions (buildings)</source>
      <translation>Obstacles (bâtiments)</translation>
    </message>
    <message>
      <source>The obstructions {path} have no layer {layer!r}; choose a polygon layer.</source>
      <translation>Les obstacles {path} n'ont pas de couche {layer!r} ; choisissez une couche de polygones.</translation>
    </message>
    <message>
      <source>The obstructions {path} are not polygons; give the outlines of buildings or other areas as polygons.</source>
      <translation>Les obstacles {path} ne sont pas des polygones ; donnez les contours des bâtiments ou d'autres zones sous forme de polygones.</translation>
    </message>
    <message>
      <source>The obstructions {path} cannot be read as a vector layer.</source>
      <translation>Les obstacles {path} ne peuvent pas être lus comme une couche vecteur.</translation>
    </message>
    <message>
      <source>Obstructions: {cells} fine cells are obstructed; {moved:.4g} m3 of water was moved off them onto the rest of their coarse cells; {lost:.4g} m3 was lost in coarse cells obstructed everywhere.</source>
      <translation>Obstacles : {cells} cellules fines sont occupées ; {moved:.4g} m3 d'eau en ont été déplacés vers le reste de leurs cellules grossières ; {lost:.4g} m3 ont été perdus dans des cellules grossières entièrement occupées.</translation>
    </message>
    <message>
      <source>Flood extent polygons</source>
      <translation>Polygones d'emprise de l'inondation</translation>
    </message>
    <message>
      <source>Flood maps</source>
      <translation>Cartes d'inondation</translation>
    </message>
    <message>
      <source>Turns a fine water-depth raster into flood extent polygons: the cells at least the threshold deep become a wet mask, which QGIS's own Polygonize (GDAL) outlines, and each polygon gets its area in square metres (field area_m2, in the raster's CRS, which must be projected in metres).

Cells touching at a corner only belong to separate polygons unless 'Join cells touching at a corner' is checked. Works on the output of 'Super-resolve flood depth' or 'Downscale flood', or on any depth raster in metres.</source>
      <translation>Transforme un raster de hauteur d'eau fine en polygones d'emprise de l'inondation : les cellules au moins aussi profondes que le seuil forment un masque mouillé, que le Polygoniser de QGIS (GDAL) contourne, et chaque polygone reçoit sa surface en mètres carrés (champ area_m2, dans le SCR du raster, qui doit être projeté en mètres).

Des cellules qui ne se touchent que par un coin appartiennent à des polygones distincts, sauf si « Joindre les cellules qui se touchent par un coin » est coché. Fonctionne sur la sortie de « Super-résolution de la hauteur d'eau » ou « Affiner une inondation », ou sur tout raster de hauteur en mètres.</translation>
    </message>
    <message>
      <source>A water-depth raster in metres, e.g. the output of 'Super-resolve flood depth'.</source>
      <translation>Un raster de hauteur d'eau en mètres, par exemple la sortie de « Super-résolution de la hauteur d'eau ».</translation>
    </message>
    <message>
      <source>Cells at least this deep are flooded; shallower cells, dry cells and nodata are not.</source>
      <translation>Les cellules au moins aussi profondes sont inondées ; les cellules moins profondes, sèches et nodata ne le sont pas.</translation>
    </message>
    <message>
      <source>Off: cells must share an edge to be in one polygon (4-connected). On: corners too.</source>
      <translation>Désactivé : les cellules doivent partager un côté pour être dans un même polygone (4-connexité). Activé : les coins aussi.</translation>
    </message>
    <message>
      <source>Polygons of the flooded area (a GeoPackage by default), one per connected patch, with area_m2.</source>
      <translation>Polygones de la zone inondée (un GeoPackage par défaut), un par zone connexe, avec area_m2.</translation>
    </message>
    <message>
      <source>{polygons} flood polygons, {area:.6g} m2 flooded from {threshold:g} m deep.</source>
      <translation>{polygons} polygones d'inondation, {area:.6g} m2 inondés à partir de {threshold:g} m de hauteur.</translation>
    </message>
    <message>
      <source>flood,extent,polygon,polygonize,outline,area,vector,depth</source>
      <translation>inondation,emprise,polygone,polygoniser,contour,surface,vecteur,hauteur</translation>
    </message>
    <message>
      <source>Fine water depth (m)</source>
      <translation>Hauteur d'eau fine (m)</translation>
    </message>
    <message>
      <source>Flooded from depth (m)</source>
      <translation>Inondé à partir de la hauteur (m)</translation>
    </message>
    <message>
      <source>Join cells touching at a corner</source>
      <translation>Joindre les cellules qui se touchent par un coin</translation>
    </message>
    <message>
      <source>Flood extent</source>
      <translation>Emprise de l'inondation</translation>
    </message>
    <message>
      <source>Number of polygons</source>
      <translation>Nombre de polygones</translation>
    </message>
    <message>
      <source>Flooded area (m2)</source>
      <translation>Surface inondée (m2)</translation>
    </message>
    <message>
      <source>The flooded depth threshold must be above 0 m (got {value:g}).</source>
      <translation>Le seuil de hauteur inondée doit être supérieur à 0 m (reçu {value:g}).</translation>
    </message>
    <message>
      <source>Dries fine wet cells that water cannot reach: each wet coarse cell's main water body (its connected wet cells holding the most water) is kept, with every wet cell connected to one (side by side, across any cells); puddles in closed depressions that no main body reaches become dry. The log gives the cells and the volume dropped.</source>
      <translation>Assèche les cellules fines mouillées que l'eau ne peut pas atteindre : la masse d'eau principale de chaque cellule grossière mouillée (ses cellules mouillées connexes qui contiennent le plus d'eau) est gardée, avec toute cellule mouillée qui y est reliée (côte à côte, à travers n'importe quelles cellules) ; les flaques dans des dépressions fermées qu'aucune masse principale n'atteint deviennent sèches. Le journal indique les cellules et le volume retirés.</translation>
    </message>
    <message>
      <source>Only water connected to the coarse wet area</source>
      <translation>Seulement l'eau reliée à la zone mouillée grossière</translation>
    </message>
    <message>
      <source>Connectivity: {cells} wet fine cells that no coarse cell's main water body reaches were made dry, {volume:.4g} m3 of water.</source>
      <translation>Connexité : {cells} cellules fines mouillées qu'aucune masse d'eau principale d'une cellule grossière n'atteint ont été asséchées, soit {volume:.4g} m3 d'eau.</translation>
    </message>
    <message>
      <source>Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends that item only. The manifest is a CSV (separated by commas or semicolons) with the header id,depth,dem,output and optionally method (one of {methods}, or model: super-resolution, the default) and model (a registered model's name or an .onnx file; the bundled model when empty). Relative paths are relative to the manifest's folder; output folders are created when missing; /vsis3/, /vsigs/ and /vsiaz/ paths read and write cloud storage with GDAL's credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings &gt; Options &gt; System &gt; Environment).

Rows that cannot run (missing input, unknown method or model, duplicate id or output) are reported before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the item's method or model (outputs appear only when complete). So a re-run does only what is missing or failed.

local: worker processes on this machine, the cores shared among them. slurm: a job array with one task per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem that every compute node sees under the same paths.

The report is a CSV with id,status,seconds,output,message; status is done, skipped (already done) or failed (including rows that cannot run).</source>
      <translation type="vanished">Lance de nombreuses scènes listées dans un manifeste, chacune dans son propre processus : un plantage ou un arrêt pour mémoire épuisée ne met fin qu'à cet élément. Le manifeste est un CSV (séparé par des virgules ou des points-virgules) d'en-tête id,depth,dem,output avec, au choix, method (l'une de {methods}, ou model : la super-résolution, par défaut) et model (le nom d'un modèle enregistré ou un fichier .onnx ; le modèle fourni si vide). Les chemins relatifs partent du dossier du manifeste ; les dossiers de sortie absents sont créés ; les chemins /vsis3/, /vsigs/ et /vsiaz/ lisent et écrivent le stockage en nuage avec les identifiants de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID, réglables sous Préférences &gt; Options &gt; Système &gt; Environnement).

Les lignes qui ne peuvent pas être lancées (entrée absente, méthode ou modèle inconnu, id ou sortie en double) sont signalées avant tout calcul et les autres lignes sont quand même lancées. Sauf si Écraser est activé, un élément dont la sortie existe déjà est sauté : un fichier que GDAL ouvre et qui porte les étiquettes que FloodSR écrit pour la méthode ou le modèle de l'élément (les sorties n'apparaissent qu'une fois complètes). Une relance ne fait donc que ce qui manque ou a échoué.

local : des processus de travail sur cette machine, qui se partagent les cœurs. slurm : un tableau de tâches avec une tâche par élément et une tâche finale qui écrit le rapport, soumis avec sbatch. Les tâches exécutent cette extension avec ce Python : l'extension, Python, les entrées, les sorties et le dossier du rapport doivent donc être sur un système de fichiers que chaque nœud de calcul voit sous les mêmes chemins.

Le rapport est un CSV avec id,status,seconds,output,message ; status vaut done (fait), skipped (sauté : déjà fait) ou failed (échec, y compris les lignes qui ne peuvent pas être lancées).</translation>
    </message>
    <message>
      <source>{} (preview)</source>
      <translation>{} (aperçu)</translation>
    </message>
    <message>
      <source>Model ({} must be downloaded before use)</source>
      <translation>Modèle ({} à télécharger avant usage)</translation>
    </message>
    <message>
      <source>depth spread</source>
      <translation>dispersion de la hauteur</translation>
    </message>
    <message>
      <source>outside the training range</source>
      <translation>hors du domaine d'entraînement</translation>
    </message>
    <message>
      <source>{}, band {}</source>
      <translation>{}, bande {}</translation>
    </message>
    <message>
      <source>{}: {}</source>
      <translation>{} : {}</translation>
    </message>
    <message>
      <source>The manifest {path} lacks the column(s) {missing}. Its first line must name the columns, separated by commas or semicolons: id,depth,dem,output and optionally method,model.</source>
      <translation type="vanished">Il manque au manifeste {path} la ou les colonnes {missing}. Sa première ligne doit nommer les colonnes, séparées par des virgules ou des points-virgules : id,depth,dem,output et, au choix, method,model.</translation>
    </message>
    <message>
      <source>Line {line}: the output folder {folder} cannot be created ({error}).</source>
      <translation>Ligne {line} : le dossier de sortie {folder} ne peut pas être créé ({error}).</translation>
    </message>
    <message>
      <source>{pending} of {total} items to run ({skipped} skipped: already done; {failed} failed: cannot run), {threads} thread(s) each.</source>
      <translation>{pending} éléments sur {total} à lancer ({skipped} sautés : déjà faits ; {failed} en échec : impossibles à lancer), {threads} fil(s) d'exécution chacun.</translation>
    </message>
    <message>
      <source>Tile {done} of {total}, about {left} left.</source>
      <translation>Tuile {done} sur {total}, encore environ {left}.</translation>
    </message>
    <message>
      <source>{minutes:.0f} min</source>
      <translation>{minutes:.0f} min</translation>
    </message>
    <message>
      <source>{seconds:.0f} s</source>
      <translation>{seconds:.0f} s</translation>
    </message>
    <message>
      <source>Depth spread (m)</source>
      <translation>Dispersion de la hauteur (m)</translation>
    </message>
    <message>
      <source>Outside the training range (flags)</source>
      <translation>Hors du domaine d'entraînement (indicateurs)</translation>
    </message>
    <message>
      <source>the height differences of the terrain</source>
      <translation>les dénivelés du terrain</translation>
    </message>
    <message>
      <source>the steepness of the terrain</source>
      <translation>la pente du terrain</translation>
    </message>
    <message>
      <source>the mean water depth</source>
      <translation>la hauteur d'eau moyenne</translation>
    </message>
    <message>
      <source>the deepest water</source>
      <translation>la hauteur d'eau maximale</translation>
    </message>
    <message>
      <source>how much of the area is wet</source>
      <translation>la part de la zone en eau</translation>
    </message>
    <message>
      <source>the cell size</source>
      <translation>la taille des cellules</translation>
    </message>
    <message>
      <source>On {share:.0%} of the area ({outside} of {total} tiles) the terrain or the flood is unlike anything the model was trained on ({features}): its depths there are less certain.</source>
      <translation type="vanished">Sur {share:.0%} de la zone ({outside} tuiles sur {total}), le terrain ou l'inondation ne ressemble à rien de ce sur quoi le modèle a été entraîné ({features}) : ses hauteurs d'eau y sont moins sûres.</translation>
    </message>
    <message>
      <source>The terrain and the flood lie within what the model was trained on everywhere.</source>
      <translation>Partout, le terrain et l'inondation restent dans ce sur quoi le modèle a été entraîné.</translation>
    </message>
    <message>
      <source>Red: estimate too deep; blue: too shallow; white: equal; grey: not scored. The colours reach their strongest at the 99th percentile of |difference|.</source>
      <translation>Rouge : estimation trop profonde ; bleu : trop peu profonde ; blanc : égale ; gris : non évalué. Les couleurs atteignent leur intensité maximale au 99e centile de |différence|.</translation>
    </message>
    <message>
      <source>The picture shows one cell in {step} across and down.</source>
      <translation>L'image montre une cellule sur {step} en largeur et en hauteur.</translation>
    </message>
    <message>
      <source>-{span:.3g} m (too shallow)</source>
      <translation>-{span:.3g} m (trop peu profond)</translation>
    </message>
    <message>
      <source>0 m</source>
      <translation>0 m</translation>
    </message>
    <message>
      <source>+{span:.3g} m (too deep)</source>
      <translation>+{span:.3g} m (trop profond)</translation>
    </message>
    <message>
      <source>Flooded cells</source>
      <translation>Cellules inondées</translation>
    </message>
    <message>
      <source>Flood extent (1 = flooded)</source>
      <translation>Emprise de l'inondation (1 = inondé)</translation>
    </message>
    <message>
      <source>Example models</source>
      <translation>Modèles d'exemple</translation>
    </message>
    <message>
      <source>Model file (empty: the bundled model)</source>
      <translation>Fichier de modèle (vide : le modèle fourni)</translation>
    </message>
    <message>
      <source>Super-resolves a coarse water depth onto a fine DEM with FloodSR, then marks flooded cells (depth at least the threshold) with QGIS's Reclassify by table. Give a preview extent to try it on a small area first.</source>
      <translation type="vanished">Super-résout une hauteur d'eau grossière sur un MNT fin avec FloodSR, puis marque les cellules inondées (hauteur au moins égale au seuil) avec l'outil « Reclassifier par table » de QGIS. Donnez une emprise d'aperçu pour l'essayer d'abord sur une petite zone.</translation>
    </message>
    <message>
      <source>Water depth in metres from a coarse model run, e.g. 30 m cells.</source>
      <translation>Hauteur d'eau en mètres issue d'un calcul grossier, par exemple en cellules de 30 m.</translation>
    </message>
    <message>
      <source>1 where the water is at least the threshold deep, 0 elsewhere.</source>
      <translation>1 là où l'eau atteint au moins le seuil de hauteur, 0 ailleurs.</translation>
    </message>
    <message>
      <source>Bare-earth elevation in metres at the resolution you want, e.g. 2 m.</source>
      <translation>Altitude du sol nu en mètres à la résolution voulue, par exemple 2 m.</translation>
    </message>
    <message>
      <source>An ONNX model with the FloodSR contract; leave empty for the model bundled with the plugin.</source>
      <translation>Un modèle ONNX au contrat FloodSR ; laissez vide pour le modèle fourni avec l'extension.</translation>
    </message>
    <message>
      <source>Run only on this extent first, to see the result in seconds.</source>
      <translation>Calculer d'abord sur cette emprise seulement, pour voir le résultat en quelques secondes.</translation>
    </message>
    <message>
      <source>The super-resolved water depth, a GeoTIFF on the DEM's grid.</source>
      <translation>La hauteur d'eau super-résolue, un GeoTIFF sur la grille du MNT.</translation>
    </message>
    <message>
      <source>Cells at least this deep are marked as flooded.</source>
      <translation>Les cellules au moins aussi profondes sont marquées comme inondées.</translation>
    </message>
    <message>
      <source>inside the training range</source>
      <translation>dans le domaine d'entraînement</translation>
    </message>
    <message>
      <source>-1 m (too shallow)</source>
      <translation>-1 m (trop peu profond)</translation>
    </message>
    <message>
      <source>-0.1 m</source>
      <translation>-0,1 m</translation>
    </message>
    <message>
      <source>0</source>
      <translation>0</translation>
    </message>
    <message>
      <source>+0.1 m</source>
      <translation>+0,1 m</translation>
    </message>
    <message>
      <source>+1 m (too deep)</source>
      <translation>+1 m (trop profond)</translation>
    </message>
    <message>
      <source>0.02 m</source>
      <translation>0,02 m</translation>
    </message>
    <message>
      <source>0.1 m</source>
      <translation>0,1 m</translation>
    </message>
    <message>
      <source>0.5 m</source>
      <translation>0,5 m</translation>
    </message>
    <message>
      <source>0 m (dry)</source>
      <translation>0 m (sec)</translation>
    </message>
    <message>
      <source>0.05 m</source>
      <translation>0,05 m</translation>
    </message>
    <message>
      <source>1.5 m</source>
      <translation>1,5 m</translation>
    </message>
    <message>
      <source>5 m</source>
      <translation>5 m</translation>
    </message>
    <message>
      <source>dry</source>
      <translation>sec</translation>
    </message>
    <message>
      <source>flooded</source>
      <translation>inondé</translation>
    </message>
    <message>
      <source>Both dry</source>
      <translation>Secs tous les deux</translation>
    </message>
    <message>
      <source>Hit (both wet)</source>
      <translation>Succès (en eau tous les deux)</translation>
    </message>
    <message>
      <source>False alarm (estimate wet only)</source>
      <translation>Fausse alerte (seule l'estimation est en eau)</translation>
    </message>
    <message>
      <source>Miss (reference wet only)</source>
      <translation>Manqué (seule la référence est en eau)</translation>
    </message>
    <message>
      <source>On {share:.0%} of the area ({outside} of {tiles}) the terrain or the flood is unlike anything the model was trained on ({features}): its depths there are less certain.</source>
      <translation>Sur {share:.0%} de la zone ({outside} sur {tiles}), le terrain ou l'inondation ne ressemble à rien de ce sur quoi le modèle a été entraîné ({features}) : ses hauteurs d'eau y sont moins sûres.</translation>
    </message>
    <message>
      <source>Super-resolves a coarse water depth onto a fine DEM with FloodSR, then marks flooded cells (depth at least the threshold) with QGIS's Reclassify by table and outlines them as polygons with their areas (FloodSR's flood extent polygons, through QGIS's Polygonize). Give a preview extent to try it on a small area first.</source>
      <translation>Super-résout une hauteur d'eau grossière sur un MNT fin avec FloodSR, puis marque les cellules inondées (hauteur au moins égale au seuil) avec l'outil « Reclassifier par table » de QGIS et les délimite en polygones avec leur surface (polygones d'emprise de crue de FloodSR, par l'outil « Polygoniser » de QGIS). Donnez une emprise d'aperçu pour l'essayer d'abord sur une petite zone.</translation>
    </message>
    <message>
      <source>The flooded cells as polygons (GeoPackage), each with its area in m2.</source>
      <translation>Les cellules inondées en polygones (GeoPackage), chacun avec sa surface en m2.</translation>
    </message>
    <message>
      <source>under 0.15 m</source>
      <translation>moins de 0,15 m</translation>
    </message>
    <message>
      <source>0.15 - 0.5 m</source>
      <translation>0,15 - 0,5 m</translation>
    </message>
    <message>
      <source>0.5 - 1.5 m</source>
      <translation>0,5 - 1,5 m</translation>
    </message>
    <message>
      <source>over 1.5 m</source>
      <translation>plus de 1,5 m</translation>
    </message>
    <message>
      <source>Line {line}: the output {path} is the {role} input of line {other} ({source}); FloodSR never writes over an input. Give the output its own name, or run the items one batch after the other.</source>
      <translation type="vanished">Ligne {line} : la sortie {path} est l'entrée {role} de la ligne {other} ({source}) ; FloodSR n'écrit jamais sur une entrée. Donnez à la sortie son propre nom, ou lancez les éléments en deux lots successifs.</translation>
    </message>
    <message>
      <source>Line {line}: the output {path} is the manifest itself; FloodSR never writes over its inputs.</source>
      <translation type="vanished">Ligne {line} : la sortie {path} est le manifeste lui-même ; FloodSR n'écrit jamais sur ses entrées.</translation>
    </message>
    <message>
      <source>Line {line}: the {column} holds a control character (a line break, tab or escape, shown here as {value}); remove it.</source>
      <translation>Ligne {line} : la colonne {column} contient un caractère de contrôle (saut de ligne, tabulation ou échappement, montré ici comme {value}) ; retirez-le.</translation>
    </message>
    <message>
      <source>The Slurm partition {value} is not a partition name (letters, digits, '_', '-' and '.', several separated by commas); leave it empty for the cluster's default.</source>
      <translation>La partition Slurm {value} n'est pas un nom de partition (lettres, chiffres, '_', '-' et '.', plusieurs séparés par des virgules) ; laissez-la vide pour la partition par défaut de la grappe.</translation>
    </message>
    <message>
      <source>The Slurm memory per task {value} is not in sbatch's --mem format: a whole number of megabytes, or with the unit K, M, G or T, such as 8G.</source>
      <translation>La mémoire Slurm par tâche {value} n'est pas au format --mem de sbatch : un nombre entier de mégaoctets, ou suivi de l'unité K, M, G ou T, par exemple 8G.</translation>
    </message>
    <message>
      <source>The Slurm time limit {value} is not in sbatch's --time format: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes or days-hours:minutes:seconds, such as 02:00:00.</source>
      <translation>La durée limite Slurm {value} n'est pas au format --time de sbatch : minutes, minutes:secondes, heures:minutes:secondes, jours-heures, jours-heures:minutes ou jours-heures:minutes:secondes, par exemple 02:00:00.</translation>
    </message>
    <message>
      <source>Slurm needs at least one CPU per task ({cpus} given) and a concurrent task limit of 0 or more ({concurrent} given).</source>
      <translation>Slurm demande au moins un CPU par tâche ({cpus} donné(s)) et une limite de tâches simultanées de 0 ou plus ({concurrent} donnée).</translation>
    </message>
    <message>
      <source>The report {report} is {path}, which the batch reads or writes; nothing was run. Choose another file for the report.</source>
      <translation>Le rapport {report} est {path}, que le lot lit ou écrit ; rien n'a été lancé. Choisissez un autre fichier pour le rapport.</translation>
    </message>
    <message>
      <source>The report path {path} holds a control character or a backslash, which Slurm cannot take in a log file name; choose a report path without them.</source>
      <translation>Le chemin du rapport {path} contient un caractère de contrôle ou une barre oblique inverse, que Slurm n'accepte pas dans un nom de fichier journal ; choisissez un chemin de rapport sans eux.</translation>
    </message>
    <message>
      <source>The MLflow tracking server at {server} answered {uri} without a valid {field}: it is not an MLflow tracking server, or not one FloodSR can read. Check MLFLOW_TRACKING_URI.</source>
      <translation>Le serveur de suivi MLflow à {server} a répondu à {uri} sans {field} valide : ce n'est pas un serveur de suivi MLflow, ou pas un que FloodSR sait lire. Vérifiez MLFLOW_TRACKING_URI.</translation>
    </message>
    <message>
      <source>The MLflow tracking server lists {path} among the files of models:/{name}/{version}, a path that leads out of the model's folder; nothing was downloaded. Check the registered model's artifacts.</source>
      <translation>Le serveur de suivi MLflow liste {path} parmi les fichiers de models:/{name}/{version}, un chemin qui sort du dossier du modèle ; rien n'a été téléchargé. Vérifiez les artefacts du modèle enregistré.</translation>
    </message>
    <message>
      <source>The MLflow tracking server at {server} answered {uri} with something that is not a JSON object ({start}): it is not an MLflow tracking server, or a proxy answered in its place. Check MLFLOW_TRACKING_URI.</source>
      <translation>Le serveur de suivi MLflow à {server} a répondu à {uri} par autre chose qu'un objet JSON ({start}) : ce n'est pas un serveur de suivi MLflow, ou un proxy a répondu à sa place. Vérifiez MLFLOW_TRACKING_URI.</translation>
    </message>
    <message>
      <source>The MLflow tracking server at {server} sent more than {limit:,} bytes for {uri}, far more than any answer of a model registry; it was cut off. Check MLFLOW_TRACKING_URI.</source>
      <translation>Le serveur de suivi MLflow à {server} a envoyé plus de {limit:,} octets pour {uri}, bien plus que toute réponse d'un registre de modèles ; la réponse a été interrompue. Vérifiez MLFLOW_TRACKING_URI.</translation>
    </message>
    <message>
      <source>Off (the default): where the model is outside its training range (its applicability flags), the output is the model-free subgrid_smooth estimate of floodsr:downscale, so the output is never the model's guess on terrain or floods it has not learned; the log says what share of the cells took which. On: the model's output everywhere.</source>
      <translation>Désactivé (par défaut) : là où le modèle est hors de son domaine d'entraînement (ses indicateurs d'applicabilité), la sortie est l'estimation sans modèle subgrid_smooth de floodsr:downscale, si bien que la sortie n'est jamais la supposition du modèle sur un terrain ou une crue qu'il n'a pas appris ; le journal indique la part des cellules qui a reçu l'une ou l'autre. Activé : la sortie du modèle partout.</translation>
    </message>
    <message>
      <source>Raw model output, also outside its training range</source>
      <translation>Sortie brute du modèle, même hors de son domaine d'entraînement</translation>
    </message>
    <message>
      <source>Share of output cells given the subgrid_smooth estimate</source>
      <translation>Part des cellules de sortie ayant reçu l'estimation subgrid_smooth</translation>
    </message>
    <message>
      <source>This model declares {key} = {declared!r} in its metadata, which FloodSR does not know (it keeps the water volume per {known}). Use a model made for this version of FloodSR.</source>
      <translation>Ce modèle déclare {key} = {declared!r} dans ses métadonnées, ce que FloodSR ne connaît pas (il conserve le volume d'eau par {known}). Utilisez un modèle fait pour cette version de FloodSR.</translation>
    </message>
    <message>
      <source>Guard: {guarded:.1%} of the output cells took the model-free subgrid_smooth estimate, where the model is outside its training range; {model:.1%} took the model's output.</source>
      <translation>Garde-fou : {guarded:.1%} des cellules de sortie ont reçu l'estimation sans modèle subgrid_smooth, là où le modèle est hors de son domaine d'entraînement ; {model:.1%} ont reçu la sortie du modèle.</translation>
    </message>
    <message>
      <source>{dry} of {total} were dry (no water in their coarse window): depth 0 there, without the model.</source>
      <translation>{dry} sur {total} étaient sèches (pas d'eau dans leur fenêtre grossière) : hauteur 0, sans passer par le modèle.</translation>
    </message>
    <message>
      <source>One scene per row: id,depth,dem,output and optionally method, model, min_depth, connected_only, obstructions, wse.</source>
      <translation>Une scène par ligne : id,depth,dem,output et, au choix, method, model, min_depth, connected_only, obstructions, wse.</translation>
    </message>
    <message>
      <source>Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends that item only. The manifest is a CSV (separated by commas or semicolons) with the header id,depth,dem,output and optionally method (one of {methods}, or model: super-resolution, the default) and model (a registered model's name or an .onnx file; the bundled model when empty). Optional columns shape each depth output as the single-scene algorithms do: min_depth (m, from 0 to 1; shallower cells become dry), connected_only (true or false: drop the wet cells the coarse water cannot reach), obstructions (a vector file GDAL reads, such as a GeoPackage, whose polygons stay dry) and wse (a .tif output for the water-surface elevation, DEM + depth where wet). Relative paths are relative to the manifest's folder; output folders are created when missing; /vsis3/, /vsigs/ and /vsiaz/ paths read and write cloud storage with GDAL's credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings &gt; Options &gt; System &gt; Environment).

Rows that cannot run (missing input, unknown method or model, bad option value, duplicate id or output, an output that is an input) are reported before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the item's method or model, inputs and options (outputs appear only when complete). So a re-run does only what is missing, failed or changed.

local: worker processes on this machine, the cores shared among them. slurm: a job array with one task per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem that every compute node sees under the same paths.

The report is a CSV with id,status,seconds,output,message; status is done, skipped (already done) or failed (including rows that cannot run).</source>
      <translation type="vanished">Lance de nombreuses scènes listées dans un manifeste, chacune dans son propre processus : un plantage ou un arrêt pour mémoire épuisée ne met fin qu'à cet élément. Le manifeste est un CSV (séparé par des virgules ou des points-virgules) d'en-tête id,depth,dem,output avec, au choix, method (l'une de {methods}, ou model : la super-résolution, par défaut) et model (le nom d'un modèle enregistré ou un fichier .onnx ; le modèle fourni si vide). Des colonnes facultatives règlent chaque sortie de hauteur comme le font les algorithmes à une scène : min_depth (m, de 0 à 1 ; les cellules moins profondes deviennent sèches), connected_only (true ou false : retirer les cellules mouillées que l'eau grossière ne peut atteindre), obstructions (un fichier vecteur que GDAL lit, comme un GeoPackage, dont les polygones restent secs) et wse (une sortie .tif pour l'altitude de la surface de l'eau, MNT + hauteur là où c'est mouillé). Les chemins relatifs partent du dossier du manifeste ; les dossiers de sortie absents sont créés ; les chemins /vsis3/, /vsigs/ et /vsiaz/ lisent et écrivent le stockage en nuage avec les identifiants de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID, réglables sous Préférences &gt; Options &gt; Système &gt; Environnement).

Les lignes qui ne peuvent pas être lancées (entrée absente, méthode ou modèle inconnu, valeur d'option invalide, id ou sortie en double, sortie qui est une entrée) sont signalées avant tout calcul et les autres lignes sont quand même lancées. Sauf si Écraser est activé, un élément dont la sortie existe déjà est sauté : un fichier que GDAL ouvre et qui porte les étiquettes que FloodSR écrit pour la méthode ou le modèle, les entrées et les options de l'élément (les sorties n'apparaissent qu'une fois complètes). Une relance ne fait donc que ce qui manque, a échoué ou a changé.

local : des processus de travail sur cette machine, qui se partagent les cœurs. slurm : un tableau de tâches avec une tâche par élément et une tâche finale qui écrit le rapport, soumis avec sbatch. Les tâches exécutent cette extension avec ce Python : l'extension, Python, les entrées, les sorties et le dossier du rapport doivent donc être sur un système de fichiers que chaque nœud de calcul voit sous les mêmes chemins.

Le rapport est un CSV avec id,status,seconds,output,message ; status vaut done (fait), skipped (sauté : déjà fait) ou failed (échec, y compris les lignes qui ne peuvent pas être lancées).</translation>
    </message>
    <message>
      <source>Line {line}: the {column} {path} is the {role} input of line {other} ({source}); FloodSR never writes over an input. Give the output its own name, or run the items one batch after the other.</source>
      <translation>Ligne {line} : la colonne {column} {path} est l'entrée {role} de la ligne {other} ({source}) ; FloodSR n'écrit jamais sur une entrée. Donnez à la sortie son propre nom, ou lancez les éléments en deux lots successifs.</translation>
    </message>
    <message>
      <source>Line {line}: the {column} {path} is the manifest itself; FloodSR never writes over its inputs.</source>
      <translation>Ligne {line} : la colonne {column} {path} est le manifeste lui-même ; FloodSR n'écrit jamais sur ses entrées.</translation>
    </message>
    <message>
      <source>Line {line}: the {column} {value!r} is neither true nor false; write true or false, or leave it empty for false.</source>
      <translation>Ligne {line} : la colonne {column} {value!r} n'est ni true ni false ; écrivez true ou false, ou laissez-la vide pour false.</translation>
    </message>
    <message>
      <source>Line {line}: the obstructions {path} do not exist or are not a vector file GDAL reads (such as a GeoPackage or a shapefile).</source>
      <translation>Ligne {line} : les obstacles {path} n'existent pas ou ne sont pas un fichier vecteur que GDAL lit (comme un GeoPackage ou un shapefile).</translation>
    </message>
    <message>
      <source>Line {line}: the {column} {path} must end in .tif.</source>
      <translation>Ligne {line} : la colonne {column} {path} doit se terminer par .tif.</translation>
    </message>
    <message>
      <source>Line {line}: the min_depth {value!r} is not a depth in metres from 0 to {largest:g}; give a number such as 0.05, or leave it empty for none.</source>
      <translation>Ligne {line} : la min_depth {value!r} n'est pas une hauteur en mètres de 0 à {largest:g} ; donnez un nombre comme 0.05, ou laissez-la vide pour aucune.</translation>
    </message>
    <message>
      <source>The manifest {path} lacks the column(s) {missing}. Its first line must name the columns, separated by commas or semicolons: id,depth,dem,output and optionally method, model, min_depth, connected_only, obstructions, wse.</source>
      <translation>Il manque au manifeste {path} la ou les colonnes {missing}. Sa première ligne doit nommer les colonnes, séparées par des virgules ou des points-virgules : id,depth,dem,output et, au choix, method, model, min_depth, connected_only, obstructions, wse.</translation>
    </message>
    <message>
      <source>Advanced options shape the depth written. 'Minimum depth (m)' dries the fine cells shallower than it (0.05 m is common) and says so in the output's metadata. 'Only water connected to the coarse wet area' dries the puddles in closed depressions that no coarse cell's main water body reaches, and logs the volume dropped. 'Obstructions (buildings)' keeps the cells under the polygons dry and gives their water to the rest of their coarse cell, so its volume is kept. 'Water-surface elevation' writes DEM + depth where wet, nodata where dry, beside the depth. 'Depth layer style' draws the loaded layer as a blue ramp or in hazard classes.</source>
      <translation>Des options avancées règlent la hauteur écrite. « Hauteur minimale (m) » assèche les cellules fines moins profondes (0,05 m est courant) et l'indique dans les métadonnées de la sortie. « Seulement l'eau reliée à la zone mouillée grossière » assèche les flaques des dépressions fermées qu'aucune masse d'eau principale d'une cellule grossière n'atteint, et journalise le volume retiré. « Obstacles (bâtiments) » garde sèches les cellules sous les polygones et donne leur eau au reste de leur cellule grossière, dont le volume est ainsi conservé. « Altitude de la surface de l'eau » écrit MNT + hauteur là où c'est mouillé, nodata là où c'est sec, à côté de la hauteur. « Style de la couche de hauteur » dessine la couche chargée en dégradé bleu ou en classes d'aléa.</translation>
    </message>
    <message>
      <source>The model {name} is not downloaded yet: fetch it first (floodsr:fetchmodel).</source>
      <translation>Le modèle {name} n'est pas encore téléchargé : récupérez-le d'abord (floodsr:fetchmodel).</translation>
    </message>
    <message>
      <source>The file of the model {name} ({path}) does not match its registered sha256 (found {found}, registered {expected}): it was changed or damaged, and a file that no longer matches its registered sha256 never runs. Fetch it again (floodsr:fetchmodel) or import it again (floodsr:importmodel).</source>
      <translation>Le fichier du modèle {name} ({path}) ne correspond pas à son sha256 enregistré (trouvé {found}, enregistré {expected}) : il a été modifié ou endommagé, et un fichier qui ne correspond plus à son sha256 enregistré n'est jamais exécuté. Téléchargez-le à nouveau (floodsr:fetchmodel) ou importez-le à nouveau (floodsr:importmodel).</translation>
    </message>
    <message>
      <source>Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends that item only. The manifest is a CSV (separated by commas or semicolons) with the header id,depth,dem,output and optionally method (one of {methods}, or model: super-resolution, the default) and model (a registered model's name or an .onnx file; the bundled model when empty). Optional columns shape each depth output as the single-scene algorithms do: min_depth (m, from 0 to 1; shallower cells become dry), connected_only (true or false: drop the wet cells the coarse water cannot reach), obstructions (a vector file GDAL reads, such as a GeoPackage, whose polygons stay dry; one layer of a file of several named as QGIS writes its source: buildings.gpkg|layername=houses) and wse (a .tif output for the water-surface elevation, DEM + depth where wet). Relative paths are relative to the manifest's folder; output folders are created when missing; /vsis3/, /vsigs/ and /vsiaz/ paths read and write cloud storage with GDAL's credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings &gt; Options &gt; System &gt; Environment).

Rows that cannot run (missing input, unknown method or model, bad option value, duplicate id or output, an output that is an input) are reported before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the item's method or model, inputs and options (outputs appear only when complete). So a re-run does only what is missing, failed or changed.

local: worker processes on this machine, the cores shared among them. slurm: a job array with one task per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem that every compute node sees under the same paths.

The report is a CSV with id,status,seconds,output,message; status is done, skipped (already done) or failed (including rows that cannot run).</source>
      <translation type="vanished">Lance de nombreuses scènes listées dans un manifeste, chacune dans son propre processus : un plantage ou un arrêt pour mémoire épuisée ne met fin qu'à cet élément. Le manifeste est un CSV (séparé par des virgules ou des points-virgules) d'en-tête id,depth,dem,output avec, au choix, method (l'une de {methods}, ou model : la super-résolution, par défaut) et model (le nom d'un modèle enregistré ou un fichier .onnx ; le modèle fourni si vide). Des colonnes facultatives règlent chaque sortie de hauteur comme le font les algorithmes à une scène : min_depth (m, de 0 à 1 ; les cellules moins profondes deviennent sèches), connected_only (true ou false : retirer les cellules mouillées que l'eau grossière ne peut atteindre), obstructions (un fichier vecteur que GDAL lit, comme un GeoPackage, dont les polygones restent secs ; une couche d'un fichier qui en a plusieurs se nomme comme QGIS écrit sa source : buildings.gpkg|layername=houses) et wse (une sortie .tif pour l'altitude de la surface de l'eau, MNT + hauteur là où c'est mouillé). Les chemins relatifs partent du dossier du manifeste ; les dossiers de sortie absents sont créés ; les chemins /vsis3/, /vsigs/ et /vsiaz/ lisent et écrivent le stockage en nuage avec les identifiants de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID, réglables sous Préférences &gt; Options &gt; Système &gt; Environnement).

Les lignes qui ne peuvent pas être lancées (entrée absente, méthode ou modèle inconnu, valeur d'option invalide, id ou sortie en double, sortie qui est une entrée) sont signalées avant tout calcul et les autres lignes sont quand même lancées. Sauf si Écraser est activé, un élément dont la sortie existe déjà est sauté : un fichier que GDAL ouvre et qui porte les étiquettes que FloodSR écrit pour la méthode ou le modèle, les entrées et les options de l'élément (les sorties n'apparaissent qu'une fois complètes). Une relance ne fait donc que ce qui manque, a échoué ou a changé.

local : des processus de travail sur cette machine, qui se partagent les cœurs. slurm : un tableau de tâches avec une tâche par élément et une tâche finale qui écrit le rapport, soumis avec sbatch. Les tâches exécutent cette extension avec ce Python : l'extension, Python, les entrées, les sorties et le dossier du rapport doivent donc être sur un système de fichiers que chaque nœud de calcul voit sous les mêmes chemins.

Le rapport est un CSV avec id,status,seconds,output,message ; status vaut done (fait), skipped (sauté : déjà fait) ou failed (échec, y compris les lignes qui ne peuvent pas être lancées).</translation>
    </message>
    <message>
      <source>Line {line}: the obstructions {path} hold {count} layers ({names}); name the one to use as {path}|layername=NAME.</source>
      <translation type="vanished">Ligne {line} : les obstacles {path} contiennent {count} couches ({names}) ; nommez celle à utiliser sous la forme {path}|layername=NAME.</translation>
    </message>
    <message>
      <source>Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends that item only. The manifest is a CSV (separated by commas or semicolons) with the header id,depth,dem,output and optionally method (one of {methods}, or model: super-resolution, the default) and model (a registered model's name; a model registry URI, models:/&lt;name&gt;/&lt;version&gt; or models:/&lt;name&gt;@&lt;alias&gt;, fetched from the MLflow Model Registry as floodsr:fetchmodel fetches one; or an .onnx file; the bundled model when empty). Optional columns shape each depth output as the single-scene algorithms do: min_depth (m, from 0 to 1; shallower cells become dry), connected_only (true or false: drop the wet cells the coarse water cannot reach), obstructions (a vector file GDAL reads, such as a GeoPackage, whose polygons stay dry; one layer of a file of several named as QGIS writes its source: buildings.gpkg|layername=houses) and wse (a .tif output for the water-surface elevation, DEM + depth where wet). Relative paths are relative to the manifest's folder; output folders are created when missing; /vsis3/, /vsigs/ and /vsiaz/ paths read and write cloud storage with GDAL's credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings &gt; Options &gt; System &gt; Environment).

Rows that cannot run (missing input, unknown method or model, bad option value, duplicate id or output, an output that is an input) are reported before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the item's method or model, inputs and options (outputs appear only when complete). So a re-run does only what is missing, failed or changed.

local: worker processes on this machine, the cores shared among them. slurm: a job array with one task per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem that every compute node sees under the same paths.

The report is a CSV with id,status,seconds,output,message; status is done, skipped (already done) or failed (including rows that cannot run).</source>
      <translation>Lance de nombreuses scènes listées dans un manifeste, chacune dans son propre processus : un plantage ou un arrêt pour mémoire épuisée ne met fin qu'à cet élément. Le manifeste est un CSV (séparé par des virgules ou des points-virgules) d'en-tête id,depth,dem,output avec, au choix, method (l'une de {methods}, ou model : la super-résolution, par défaut) et model (le nom d'un modèle enregistré ; une URI de registre de modèles, models:/&lt;nom&gt;/&lt;version&gt; ou models:/&lt;nom&gt;@&lt;alias&gt;, téléchargée depuis le MLflow Model Registry comme le fait floodsr:fetchmodel ; ou un fichier .onnx ; le modèle fourni si vide). Des colonnes facultatives règlent chaque sortie de hauteur comme le font les algorithmes à une scène : min_depth (m, de 0 à 1 ; les cellules moins profondes deviennent sèches), connected_only (true ou false : retirer les cellules mouillées que l'eau grossière ne peut atteindre), obstructions (un fichier vecteur que GDAL lit, comme un GeoPackage, dont les polygones restent secs ; une couche d'un fichier qui en a plusieurs se nomme comme QGIS écrit sa source : buildings.gpkg|layername=houses) et wse (une sortie .tif pour l'altitude de la surface de l'eau, MNT + hauteur là où c'est mouillé). Les chemins relatifs partent du dossier du manifeste ; les dossiers de sortie absents sont créés ; les chemins /vsis3/, /vsigs/ et /vsiaz/ lisent et écrivent le stockage en nuage avec les identifiants de GDAL (variables d'environnement comme AWS_ACCESS_KEY_ID, réglables sous Préférences &gt; Options &gt; Système &gt; Environnement).

Les lignes qui ne peuvent pas être lancées (entrée absente, méthode ou modèle inconnu, valeur d'option invalide, id ou sortie en double, sortie qui est une entrée) sont signalées avant tout calcul et les autres lignes sont quand même lancées. Sauf si Écraser est activé, un élément dont la sortie existe déjà est sauté : un fichier que GDAL ouvre et qui porte les étiquettes que FloodSR écrit pour la méthode ou le modèle, les entrées et les options de l'élément (les sorties n'apparaissent qu'une fois complètes). Une relance ne fait donc que ce qui manque, a échoué ou a changé.

local : des processus de travail sur cette machine, qui se partagent les cœurs. slurm : un tableau de tâches avec une tâche par élément et une tâche finale qui écrit le rapport, soumis avec sbatch. Les tâches exécutent cette extension avec ce Python : l'extension, Python, les entrées, les sorties et le dossier du rapport doivent donc être sur un système de fichiers que chaque nœud de calcul voit sous les mêmes chemins.

Le rapport est un CSV avec id,status,seconds,output,message ; status vaut done (fait), skipped (sauté : déjà fait) ou failed (échec, y compris les lignes qui ne peuvent pas être lancées).</translation>
    </message>
    <message>
      <source>For a depth raster of several scenarios or time steps: every band goes into the matching band of the output, in one pass over the DEM, and the water-surface output gets one band per depth band too. 'Depth band' is then ignored.</source>
      <translation>Pour un raster de hauteur à plusieurs scénarios ou pas de temps : chaque bande va dans la bande correspondante de la sortie, en un seul passage sur le MNT, et la sortie d'altitude de la surface de l'eau reçoit elle aussi une bande par bande de hauteur. « Bande de hauteur » est alors ignorée.</translation>
    </message>
    <message>
      <source>as {path}|layername=NAME</source>
      <translation>sous la forme {path}|layername=NAME</translation>
    </message>
    <message>
      <source>The obstructions {path} hold {count} layers ({names}); name the one to use {how_to_name}.</source>
      <translation>Les obstacles {path} contiennent {count} couches ({names}) ; nommez celle à utiliser {how_to_name}.</translation>
    </message>
  </context>
</TS>