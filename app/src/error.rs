//! The one error type that crosses the wire between server and browser.
//!
//! Each variant has a stable snake_case `code` that the UI translates; the server logs the real
//! cause of internal errors and shows users only a plain message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Errors any server function or handler can return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", content = "detail", rename_all = "snake_case")]
pub enum AppError {
    /// The request itself was malformed (missing or undecodable arguments).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// One or more fields failed validation.
    #[error("invalid input")]
    Invalid(InvalidInput),
    /// The thing asked for does not exist (or the caller may not know it exists).
    #[error("not found")]
    NotFound,
    /// Only logged-in members may do this.
    #[error("unauthorized")]
    Unauthorized,
    /// The caller is not allowed to do this.
    #[error("forbidden")]
    Forbidden,
    /// Too many attempts in a short time: try again after `retry_after_secs`. Carries the form's
    /// field errors and typed values like [`AppError::Invalid`], so nothing typed is lost.
    #[error("too many requests")]
    TooManyRequests {
        retry_after_secs: u64,
        input: InvalidInput,
    },
    /// The database or another dependency failed; details are in the server log only.
    #[error("internal error")]
    Internal,
}

/// A validation error attached to one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Form field name, as in the `name` attribute.
    pub field: String,
    /// Stable error code, translated by the UI (e.g. `too_long`).
    pub code: String,
}

/// What was wrong with a submitted form, and what was typed (never passwords), so a page
/// rendered after a plain form post can show both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidInput {
    /// One entry per field at fault.
    pub errors: Vec<FieldError>,
    /// Field name and the text submitted, for refilling the form.
    pub values: Vec<(String, String)>,
}

impl InvalidInput {
    /// Errors for a form whose typed values are `values`.
    pub fn new(errors: Vec<FieldError>, values: &[(&str, &str)]) -> Self {
        let values = values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Self { errors, values }
    }

    /// The error code for one field, if it has one.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code.as_str())
    }

    /// What was typed into one field.
    pub fn value_of(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_str())
    }
}

impl FieldError {
    /// An error `code` on `field`.
    pub fn new(field: &str, code: &str) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
        }
    }
}

/// Result alias used by server functions and repository functions.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// Builds a `BadRequest` from anything printable.
    pub fn bad_request(msg: impl std::fmt::Display) -> Self {
        Self::BadRequest(msg.to_string())
    }

    /// The stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad_request",
            Self::Invalid(_) => "invalid",
            Self::NotFound => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Internal => "internal",
        }
    }

    /// HTTP status this error maps to.
    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m)
            | ServerFnErrorErr::UnsupportedRequestMethod(m) => Self::BadRequest(m),
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Internal,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => Self::NotFound,
            other => {
                tracing::error!(error = %other, "database error");
                Self::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::search::SearchError> for AppError {
    fn from(err: crate::db::search::SearchError) -> Self {
        match err {
            crate::db::search::SearchError::Db(err) => err.into(),
            crate::db::search::SearchError::TooMany(wait) => Self::TooManyRequests {
                retry_after_secs: crate::rate_limit::retry_secs(wait),
                input: InvalidInput::new(vec![FieldError::new("q", "too_many_searches")], &[]),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_with_a_stable_code() {
        let json = serde_json::to_string(&AppError::NotFound).unwrap();
        assert_eq!(json, r#"{"code":"not_found"}"#);
        let back: AppError =
            serde_json::from_str(r#"{"code":"bad_request","detail":"x"}"#).unwrap();
        assert_eq!(back, AppError::BadRequest("x".into()));
    }

    #[test]
    fn undecodable_arguments_become_a_400() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field".into()));
        assert_eq!(err.status_code(), http::StatusCode::BAD_REQUEST);
    }
}
