"""GET /health and GET /ready."""

import logging
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.api.deps import AuthDeps
from app.api.envelope import ApiResponse
from app.api.routes.health.models import Liveness, ReadinessReport
from app.services.readiness import check_readiness

logger = logging.getLogger(__name__)

router = APIRouter()


@router.get("/health", response_model=ApiResponse[Liveness])
async def health() -> ApiResponse[Liveness]:
    """
    Report that the process is alive without touching any dependency.

    Returns:
        ApiResponse[Liveness] with status `ok`.

    Raises:
        Nothing: the probe touches no dependency.
    """
    return ApiResponse(data=Liveness(status="ok"), message="alive")


@router.get("/ready", response_model=ApiResponse[ReadinessReport])
async def ready(request: Request, deps: AuthDeps) -> JSONResponse:
    """
    Report whether the service can take traffic.

    Returns:
        ApiResponse[ReadinessReport], with status 200 when the database responds and
        no migration is pending.

    Raises:
        HTTPException 503: the database is unreachable or a migration is pending
            (the body still carries the report).
    """
    migrations_dir: Path = request.app.state.migrations_dir
    readiness = await check_readiness(deps.db, migrations_dir)
    report = ReadinessReport(
        ready=readiness.ready,
        database_reachable=readiness.database_reachable,
        migrations_checked=readiness.migrations_checked,
        pending_migrations=readiness.pending_migrations,
    )
    body = ApiResponse(data=report, message="ready" if readiness.ready else "not ready")
    if not readiness.ready:
        logger.warning("Readiness probe returned 503")
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if readiness.ready else 503)
