"""One router per page; `get_routers()` lists them in the order the app includes them."""

from fastapi import APIRouter


def get_routers() -> list[APIRouter]:
    """Every router of the admin."""
    from admin.routes import (
        alerts,
        api,
        auth,
        dashboard,
        exports,
        health,
        interactions,
        products,
        readiness,
        seller_drafting,
        sellers,
        sync_runs,
        users,
    )

    return [
        health.router,
        auth.router,
        dashboard.router,
        sellers.router,
        seller_drafting.router,
        exports.router,  # before interactions: /interactions/{id} would take export.csv
        interactions.router,
        products.router,
        alerts.router,
        sync_runs.router,
        readiness.router,
        users.router,
        api.router,
    ]
