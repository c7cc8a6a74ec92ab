//! API errors: every failure a client can see, mapped once to an HTTP
//! status and a stable machine-readable `code`.
//!
//! The body is `{"code": "...", "detail": "..."}`. `detail` is the field
//! yente clients already read; `code` is what a program should branch on,
//! and it never changes meaning between versions. Internal causes (a
//! failed reload, a worker that died) are logged with their full text and
//! reported to the client without internals.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The JSON body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable error code: `invalid_request`, `unauthorized`, `forbidden`,
    /// `not_found`, `unknown_dataset`, `payload_too_large`,
    /// `too_many_queries`, `body_timeout`, `timeout`, `audit_unavailable`,
    /// `reload_failed`, `run_failed`, `monitoring_off`, `conflict`, `no_reviewer`,
    /// `internal`.
    pub code: &'static str,
    /// What went wrong, for a human.
    pub detail: String,
}

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed: bad JSON, a missing or invalid field.
    #[error("{0}")]
    InvalidRequest(String),
    /// No API key, or one that is not configured.
    #[error("a valid API key is required (header `Authorization: ApiKey KEY`, `Authorization: Bearer KEY` or `X-API-Key: KEY`)")]
    Unauthorized,
    /// A valid key without the role the route needs.
    #[error("the API key {key:?} does not have the `{role}` role that {route} needs")]
    Forbidden {
        key: String,
        role: crate::auth::Role,
        route: String,
    },
    #[error("{0}")]
    NotFound(String),
    #[error("unknown dataset {0:?}: use `default`, `sanctions` or a list id from GET /lists")]
    UnknownDataset(String),
    #[error("request body larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("{got} queries in one request; the limit is {limit}")]
    TooManyQueries { got: usize, limit: usize },
    /// The client did not send the whole body in time.
    #[error("the request body did not arrive within {0} ms")]
    BodyTimeout(u64),
    #[error("the request took longer than {0} ms")]
    Timeout(u64),
    /// The screening's audit record could not be committed: no answer
    /// without its record (see `crate::audit`).
    #[error("the audit trail cannot record this screening; try again later")]
    AuditUnavailable(String),
    #[error("reloading the lists failed; the previous snapshot is still served: {0}")]
    ReloadFailed(String),
    #[error("the monitoring run failed: {0}")]
    RunFailed(String),
    /// A monitoring route on a server started without `--monitor`.
    #[error("monitoring is off on this server: start it with `cordon serve --monitor` (the customer register, runs and alerts live in its monitoring database)")]
    MonitoringOff,
    /// The request contradicts the state of what it acts on: a decision
    /// the four-eyes rule refuses (same reviewer twice), or one on an
    /// alert that is already closed.
    #[error("{0}")]
    Conflict(String),
    /// A decision on a server without API keys: there is nobody to record
    /// as the reviewer (the name is never taken from the request body).
    #[error("deciding an alert needs an API key with the reviewer role: the key's name is recorded as the reviewer, and this server has no API keys (start it with --api-keys FILE)")]
    NoReviewer,
    /// A bug or a dead worker; the text is logged, not sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) | ApiError::UnknownDataset(_) => StatusCode::NOT_FOUND,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyQueries { .. } => StatusCode::BAD_REQUEST,
            ApiError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::Timeout(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::AuditUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::ReloadFailed(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::RunFailed(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::MonitoringOff => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::NoReviewer => StatusCode::FORBIDDEN,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::InvalidRequest(_) => "invalid_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden { .. } => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::UnknownDataset(_) => "unknown_dataset",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::TooManyQueries { .. } => "too_many_queries",
            ApiError::BodyTimeout(_) => "body_timeout",
            ApiError::Timeout(_) => "timeout",
            ApiError::AuditUnavailable(_) => "audit_unavailable",
            ApiError::ReloadFailed(_) => "reload_failed",
            ApiError::RunFailed(_) => "run_failed",
            ApiError::MonitoringOff => "monitoring_off",
            ApiError::Conflict(_) => "conflict",
            ApiError::NoReviewer => "no_reviewer",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            code: self.code(),
            detail: self.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause)
        | ApiError::ReloadFailed(cause)
        | ApiError::AuditUnavailable(cause) = &self
        {
            tracing::error!(code = self.code(), cause = %cause, "request failed");
        }
        let mut resp = (self.status(), Json(self.body())).into_response();
        if matches!(self, ApiError::Unauthorized) {
            if let Ok(v) = "ApiKey".parse() {
                resp.headers_mut()
                    .insert(axum::http::header::WWW_AUTHENTICATE, v);
            }
        }
        resp
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(r: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::InvalidRequest(r.body_text())
    }
}
