"""floodsr:batch - many scenes from a manifest, each in its own process, on this machine or on Slurm."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..engine.batch.launch import available_cores
from ..engine.batch.resources import SlurmResources
from ..engine.options import BATCH_EXECUTORS, DOWNSCALE_METHODS, LOCAL_EXECUTOR
from ..engine.scene import Outcome
from ..floodsr_plugin.settings import model_cache_dir
from .algorithm import FeedbackProgress, FloodSRAlgorithm, engine_errors_as_processing_exceptions
from .enums import FILE, INTEGER
from .parameters import choice_parameter

SLURM_DEFAULTS = SlurmResources()


class BatchAlgorithm(FloodSRAlgorithm):
    MANIFEST = "MANIFEST"
    EXECUTOR = "EXECUTOR"
    OVERWRITE = "OVERWRITE"
    WAIT = "WAIT"
    WORKERS = "WORKERS"
    SLURM_PARTITION = "SLURM_PARTITION"
    SLURM_CPUS = "SLURM_CPUS_PER_TASK"
    SLURM_MEMORY = "SLURM_MEMORY"
    SLURM_TIME = "SLURM_TIME_LIMIT"
    SLURM_CONCURRENT = "SLURM_CONCURRENT_TASKS"
    REPORT = "REPORT"
    DONE = "DONE"
    SKIPPED = "SKIPPED"
    FAILED = "FAILED"
    JOB_IDS = "JOB_IDS"

    def name(self):
        return "batch"

    def displayName(self):
        return self.tr("Run a batch of scenes")

    def group(self):
        return self.tr("Many scenes")

    def groupId(self):
        return "batch"

    def tags(self):
        return self.tr("flood,batch,manifest,slurm,cluster,parallel,s3").split(",")

    def help_text(self):
        return self.tr(
            "Runs many scenes listed in a manifest, each in its own process: a crash or an out-of-memory kill ends "
            "that item only. The manifest is a CSV (separated by commas or semicolons) with the header "
            "id,depth,dem,output and optionally method (one of {methods}, or model: super-resolution, the default) "
            "and model (a registered model's name; a model registry URI, models:/<name>/<version> or "
            "models:/<name>@<alias>, fetched from the MLflow Model Registry as floodsr:fetchmodel fetches one; or an "
            ".onnx file; the bundled model when empty). Optional columns "
            "shape each depth output as the single-scene algorithms do: min_depth (m, from 0 to 1; shallower cells "
            "become dry), connected_only (true or false: drop the wet cells the coarse water cannot reach), "
            "obstructions (a vector file GDAL reads, such as a GeoPackage, whose polygons stay dry; one layer of a "
            "file of several named as QGIS writes its source: buildings.gpkg|layername=houses) and wse (a .tif "
            "output for the water-surface elevation, DEM + depth where wet). Relative paths "
            "are relative to the manifest's folder; output folders are created when missing; /vsis3/, /vsigs/ and "
            "/vsiaz/ paths read and write cloud storage with GDAL's "
            "credentials (environment variables such as AWS_ACCESS_KEY_ID, settable under Settings > Options > "
            "System > Environment).\n\n"
            "Rows that cannot run (missing input, unknown method or model, bad option value, duplicate id or output, "
            "an output that is an input) are reported "
            "before anything runs and the other rows still run. Unless Overwrite is on, an item whose output is "
            "already there is skipped: a file that GDAL opens and that carries the tags FloodSR writes for the "
            "item's method or model, inputs and options (outputs appear only when complete). So a re-run does only "
            "what is missing, failed or changed.\n\n"
            "local: worker processes on this machine, the cores shared among them. slurm: a job array with one task "
            "per item and a final job that writes the report, submitted with sbatch. The tasks run this plugin with "
            "this Python, so the plugin, Python, inputs, outputs and the report's folder must be on a filesystem "
            "that every compute node sees under the same paths.\n\n"
            "The report is a CSV with id,status,seconds,output,message; status is done, skipped (already done) or "
            "failed (including rows that cannot run)."
        ).format(methods=", ".join(DOWNSCALE_METHODS))

    def initAlgorithm(self, config=None):
        self.add_parameter(
            QgsProcessingParameterFile(self.MANIFEST, self.tr("Manifest (CSV)"), FILE, extension="csv"),
            self.tr(
                "One scene per row: id,depth,dem,output and optionally method, model, min_depth, connected_only, "
                "obstructions, wse."
            ),
        )
        self.add_parameter(
            choice_parameter(self.EXECUTOR, self.tr("Run on"), BATCH_EXECUTORS, LOCAL_EXECUTOR),
            self.tr("local: worker processes on this machine. slurm: a Slurm job array (sbatch)."),
        )
        self.add_parameter(
            QgsProcessingParameterBoolean(self.OVERWRITE, self.tr("Overwrite finished outputs"), False),
            self.tr("Off: items whose output is already there are skipped. On: every item runs again."),
        )
        self.add_parameter(
            QgsProcessingParameterBoolean(self.WAIT, self.tr("Wait for the Slurm jobs"), True),
            self.tr(
                "On: follow the jobs until they end, with progress. Off: return the job ids at once; the "
                "report job writes the report when the items are done."
            ),
        )
        self._add_advanced_parameters()
        self.add_parameter(
            QgsProcessingParameterFileDestination(self.REPORT, self.tr("Report"), self.tr("CSV files (*.csv)")),
            self.tr("id,status,seconds,output,message for every row of the manifest."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.DONE, self.tr("Items done")))
        self.addOutput(QgsProcessingOutputNumber(self.SKIPPED, self.tr("Items skipped")))
        self.addOutput(QgsProcessingOutputNumber(self.FAILED, self.tr("Items failed")))
        self.addOutput(QgsProcessingOutputString(self.JOB_IDS, self.tr("Slurm job ids")))

    def _add_advanced_parameters(self):
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.WORKERS, self.tr("Local workers"), INTEGER, 1, minValue=1, maxValue=max(1, available_cores())
            ),
            self.tr("Items run at once on this machine; each gets cores / workers threads. Each needs its own memory."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterString(self.SLURM_PARTITION, self.tr("Slurm partition"), "", optional=True),
            self.tr("The partition (queue) to submit to; the cluster's default when empty."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.SLURM_CPUS, self.tr("Slurm CPUs per task"), INTEGER, SLURM_DEFAULTS.cpus_per_task, minValue=1
            ),
            self.tr("Cores for each item; the model and GDAL use this many threads."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterString(self.SLURM_MEMORY, self.tr("Slurm memory per task"), SLURM_DEFAULTS.memory),
            self.tr("As sbatch's --mem, e.g. 8G. An item over it is killed and reported failed."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterString(
                self.SLURM_TIME, self.tr("Slurm time limit per task"), SLURM_DEFAULTS.time_limit
            ),
            self.tr("As sbatch's --time, e.g. 02:00:00."),
            advanced=True,
        )
        self.add_parameter(
            QgsProcessingParameterNumber(
                self.SLURM_CONCURRENT, self.tr("Slurm concurrent tasks"), INTEGER, 0, minValue=0
            ),
            self.tr("Most items running at once (the %K of the job array); 0: as many as the cluster allows."),
            advanced=True,
        )

    @engine_errors_as_processing_exceptions
    def processAlgorithm(self, parameters, context, feedback):
        from ..engine.batch.run import BatchRequest, run_batch

        request = BatchRequest(
            manifest_path=self.parameterAsFile(parameters, self.MANIFEST, context),
            report_path=self.parameterAsFileOutput(parameters, self.REPORT, context),
            executor=self.parameterAsEnumString(parameters, self.EXECUTOR, context),
            workers=self.parameterAsInt(parameters, self.WORKERS, context),
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
            model_cache=model_cache_dir(),
            slurm=SlurmResources(
                partition=self.parameterAsString(parameters, self.SLURM_PARTITION, context).strip(),
                cpus_per_task=self.parameterAsInt(parameters, self.SLURM_CPUS, context),
                memory=self.parameterAsString(parameters, self.SLURM_MEMORY, context).strip(),
                time_limit=self.parameterAsString(parameters, self.SLURM_TIME, context).strip(),
                concurrent=self.parameterAsInt(parameters, self.SLURM_CONCURRENT, context),
            ),
            wait=self.parameterAsBoolean(parameters, self.WAIT, context),
        )
        result = run_batch(request, FeedbackProgress(feedback))
        counts = {status: sum(1 for item in result.results if item.status == status) for status in Outcome}
        return {
            self.REPORT: request.report_path,
            self.DONE: counts[Outcome.DONE],
            self.SKIPPED: counts[Outcome.SKIPPED],
            self.FAILED: counts[Outcome.FAILED],
            self.JOB_IDS: ",".join(result.job_ids),
        }
