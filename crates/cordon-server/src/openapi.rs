//! The OpenAPI document, generated from the route and type annotations.
//! `tests/openapi.rs` snapshots it, so an API change shows up in review.

use crate::RouteAccessDoc;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cordon",
        description = "Sanctions and export-control screening. `/match/{dataset}`, `/search/{dataset}`, `/entities/{id}`, `/catalog` and `/algorithms` speak the yente (OpenSanctions) API; `/screen`, `/compare` and `/search` are cordon's own. When the server has API keys, every route but `/`, `/healthz`, `/readyz`, `/metrics` and `/openapi.json` needs one, holding the role the operation names in `x-cordon-role` (`screening`; `reviewer` for the alerts and the customer look-up; `admin` for `/admin/reload` and `/monitor/run`): no key or an unknown one is 401 `unauthorized`, a key without the role 403 `forbidden`. Errors are `{\"code\", \"detail\"}` with a stable `code`.",
        license(name = "Apache-2.0"),
    ),
    paths(
        crate::routes::yente::match_entities,
        crate::routes::yente_data::search,
        crate::routes::yente_data::catalog,
        crate::routes::yente_data::algorithms,
        crate::routes::native::screen,
        crate::routes::native::search,
        crate::routes::native::compare,
        crate::routes::entities::entity,
        crate::routes::shipments::screen,
        crate::routes::ops::lists,
        crate::routes::ops::healthz,
        crate::routes::ops::readyz,
        crate::routes::ops::metrics,
        crate::routes::ops::reload,
        crate::routes::customers::upsert,
        crate::routes::customers::customer,
        crate::routes::monitor::run,
        crate::routes::alerts::alerts,
        crate::routes::alerts::alert,
        crate::routes::alerts::decide,
    ),
    modifiers(&KeyScheme, &RouteAccessDoc),
    security(("api_key" = [])),
    tags(
        (name = "yente", description = "yente-compatible matching"),
        (name = "screening", description = "cordon's native screening"),
        (name = "lists", description = "Loaded lists and entities"),
        (name = "shipments", description = "Goods, route and party screening of whole shipments"),
        (name = "operations", description = "Health, metrics, reload"),
        (name = "monitoring", description = "Ongoing monitoring (`cordon serve --monitor`): the customer register, runs, alerts and their four-eyes review. Without monitoring these routes answer 404 `monitoring_off`."),
    )
)]
struct ApiDoc;

struct KeyScheme;

impl Modify for KeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "An API key; `Authorization: ApiKey KEY` and `Authorization: Bearer KEY` work too",
            ))),
        );
    }
}

/// The OpenAPI document of this server.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `GET /openapi.json`: the document. Served from here, not from the
/// operations routes that the document lists, so no module imports one
/// that imports it.
pub async fn serve() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(document())
}
