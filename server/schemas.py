"""What the server's endpoints take and answer, as pydantic models: FastAPI checks the answers against them and
publishes them in /openapi.json."""

from enum import Enum
from typing import Annotated, List, Optional

from pydantic import BaseModel, Field

from engine.options import DOWNSCALE_METHODS
from engine.scene import MODEL_METHOD, Outcome

METHODS = (MODEL_METHOD, *DOWNSCALE_METHODS)


class JobState(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    # A finished job's state is the outcome of its scene, in the engine's words.
    DONE = Outcome.DONE.value
    FAILED = Outcome.FAILED.value
    CANCELLED = Outcome.CANCELLED.value

    def __str__(self) -> str:  # the word itself in messages and log lines, as in JSON
        return self.value


class UploadForm(BaseModel):
    """The multipart/form-data body of POST /infer and POST /jobs. The server reads it itself, after its rate limit
    and admission checks, so that a refused request's upload is never read: this model documents it."""

    depth: bytes = Field(description="The coarse flood depth (m), a GeoTIFF.")
    dem: bytes = Field(description="The fine DEM (m), a GeoTIFF; the output is on its cells.")
    method: Annotated[
        str,
        Field(
            description="'model' (super-resolution) or a classic downscaling method.",
            json_schema_extra={"enum": list(METHODS)},
        ),
    ] = MODEL_METHOD
    model: Annotated[str, Field(description="A registered model name or a models:/ URI; empty: the default.")] = ""
    min_depth: Annotated[float, Field(description="Fine cells shallower than this (m) become dry; 0 to 1.")] = 0.0
    connected_only: Annotated[
        bool, Field(description="Dry the wet cells no coarse cell's main water body reaches.")
    ] = False
    obstructions: Annotated[
        Optional[bytes],
        Field(
            description="A GeoPackage of polygons (buildings) where water cannot stand: its only layer, or the one "
            "named in obstructions_layer."
        ),
    ] = None
    obstructions_layer: Annotated[
        str,
        Field(
            description="The layer of the obstructions GeoPackage to use; needed when it holds several, refused when "
            "it lacks it."
        ),
    ] = ""


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong and what to do, in English.")


class Health(BaseModel):
    status: str


class ReadyState(BaseModel):
    ready: bool
    reason: Annotated[Optional[str], Field(description="Why not ready: warming up, a failed warm-up, or draining.")] = (
        None
    )
    model: Annotated[Optional[str], Field(description="The default model, once it ran a tile.")] = None
    sha256: Optional[str] = None


class Runtime(BaseModel):
    version: str
    providers: List[str]


class ModelInfo(BaseModel):
    name: str
    sha256: str
    lineage: str


class VersionInfo(BaseModel):
    floodsr: str
    python: str
    onnxruntime: Runtime
    models: List[ModelInfo]
    default_model: Optional[str]


class JobDescription(BaseModel):
    id: str
    state: JobState
    progress: float = Field(ge=0, le=1)
    error: Annotated[Optional[str], Field(description="Why the job failed; only for a failed job.")] = None


class SubmittedJob(JobDescription):
    url: str = Field(description="Where to ask for the job's state; its result is at <url>/result.")
