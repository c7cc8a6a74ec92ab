//! The OpenAPI document, generated from the route table ([`crate::routes`]),
//! the handlers' annotations and the types' `ToSchema`.
//! `tests/tests.rs` snapshots it, so an API change shows up in review.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cordon",
        description = "Sanctions and export-control screening. `/match/{dataset}`, `/search/{dataset}`, `/entities/{id}`, `/catalog` and `/algorithms` speak the yente (OpenSanctions) API; `/screen`, `/compare` and `/search` are cordon's own. When the server has API keys, every route but `/`, `/healthz`, `/readyz`, `/metrics` and `/openapi.json` needs one, holding the role the operation names in `x-cordon-role` (`screening`; `reviewer` for the alerts and the customer look-up; `admin` for `/admin/reload` and `/monitor/run`): no key or an unknown one is 401 `unauthorized`, a key without the role 403 `forbidden`. Errors are `{\"code\", \"detail\"}` with a stable `code`.",
        license(name = "Apache-2.0"),
    ),
    modifiers(&KeyScheme),
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

/// The OpenAPI document of this server: the description above, and each
/// documented route of [`crate::routes`] with its operation, access and
/// schemas.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for route in crate::routes() {
        route.describe(&mut doc);
    }
    doc
}

/// `GET /openapi.json`: the document. Served from here, not from the
/// operations routes that the document lists, so no module imports one
/// that imports it.
pub async fn serve() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(document())
}
