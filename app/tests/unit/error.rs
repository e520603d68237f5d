//! Unit tests of `app::error`.
use app::error::*;
use serde::{Deserialize, Serialize};
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[test]
fn every_variant_maps_to_its_status() {
    let cases = [
        (AppError::NotFound, 404),
        (AppError::Unauthorized, 401),
        (AppError::Forbidden, 403),
        (AppError::Gone, 410),
        (
            AppError::validation("email", "Enter an email address."),
            422,
        ),
        (AppError::conflict("Taken."), 409),
        (
            AppError::RateLimited {
                retry_after_seconds: 30,
            },
            429,
        ),
        (AppError::Unavailable, 503),
        (AppError::Internal, 500),
    ];
    for (error, status) in cases {
        assert_eq!(error.status().as_u16(), status, "{error:?}");
    }
}

#[test]
fn round_trips_through_its_wire_encoding() {
    let error = AppError::validation("email", "Enter an email address.");
    let bytes = error.ser();
    assert_eq!(AppError::de(bytes), error);
    let json = serde_json::to_string(&AppError::RateLimited {
        retry_after_seconds: 7,
    })
    .unwrap_or_default();
    assert_eq!(json, r#"{"kind":"rate_limited","retry_after_seconds":7}"#);
}

#[test]
fn a_refused_form_carries_what_was_typed_through_the_wire() {
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Form {
        name: String,
    }
    let typed = Form {
        name: "Rain gear ☔".into(),
    };
    let error = AppError::validation("slug", "That slug is taken.").keeping(&typed);
    assert_eq!(error.status().as_u16(), 422);
    assert_eq!(error.field_message("slug"), Some("That slug is taken."));
    let back = AppError::de(error.ser());
    assert_eq!(back.typed::<Form>(), Some(typed));
    assert_eq!(back.form_message(), None);
    let whole = AppError::validation("", "The request could not be read.").keeping(&());
    assert_eq!(
        whole.form_message().as_deref(),
        Some("The request could not be read.")
    );
    // Other errors stay as they are; a huge form is not carried.
    assert_eq!(AppError::Gone.keeping(&()), AppError::Gone);
    let huge = Form {
        name: "x".repeat(20_000),
    };
    assert_eq!(
        AppError::validation("name", "Too long.")
            .keeping(&huge)
            .typed::<Form>(),
        None
    );
}

#[test]
fn internal_never_shows_a_cause() {
    assert_eq!(
        AppError::Internal.to_string(),
        "Something went wrong on our side. Please try again."
    );
}

#[test]
fn framework_errors_become_closed_variants() {
    assert_eq!(
        AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("qty".into())),
        AppError::validation("qty", "This field is required.")
    );
    assert_eq!(
        AppError::from_server_fn_error(ServerFnErrorErr::ServerError("db password wrong".into())),
        AppError::Internal
    );
    assert_eq!(
        AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into())),
        AppError::Unavailable
    );
}

#[test]
fn field_message_only_matches_its_field() {
    let e = AppError::validation("email", "Bad.");
    assert_eq!(e.field_message("email"), Some("Bad."));
    assert_eq!(e.field_message("password"), None);
    assert_eq!(AppError::Internal.field_message("email"), None);
}

#[test]
fn several_fields_fail_together() {
    let e = AppError::fields([
        ("name", Some("Enter a name.")),
        ("email", None),
        ("city", Some("Enter a city.")),
    ])
    .unwrap();
    assert_eq!(e.status().as_u16(), 422);
    assert_eq!(e.field_message("name"), Some("Enter a name."));
    assert_eq!(e.field_message("city"), Some("Enter a city."));
    assert_eq!(e.field_message("email"), None);
    assert_eq!(AppError::de(e.ser()), e);
    assert!(AppError::fields([("name", None)]).is_none());
}
