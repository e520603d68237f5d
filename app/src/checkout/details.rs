//! The checkout's first step as the session keeps it (server only): the contact email, the
//! delivery address and method the shopper entered, checked and resolved into what an order
//! needs. The review step and placing the order read it back, so nothing is retyped and the
//! card is the only thing the last form carries.

use super::api::TypedCheckout;
use crate::error::AppError;

/// The session key holding the typed details.
const DETAILS_KEY: &str = "checkout_details";

/// The details checked and resolved: who buys, where it goes, how.
#[derive(Debug, Clone)]
pub struct Details {
    pub email: String,
    /// The delivery address (copied onto the order as its `ShipTo`).
    pub address: domain::accounts::addresses::AddressFields,
    pub shipping_method: String,
    /// The address was typed (not a saved one) and the shopper asked to save it.
    pub save_new_address: bool,
}

/// Checks `typed` for `user` (or a guest): every problem, by field, or the resolved details.
/// A saved address id that is not the user's answers 404.
pub async fn resolve(
    conn: &mut domain::db::PooledConn,
    typed: &TypedCheckout,
    user: Option<&domain::accounts::User>,
) -> Result<Details, AppError> {
    let mut errors: Vec<(&str, String)> = Vec::new();
    let email = match user {
        Some(user) => user.email.clone(),
        None => match crate::accounts::fields::Email::parse(&typed.email) {
            Ok(e) => e.as_str().to_owned(),
            Err(m) => {
                errors.push(("email", m.to_owned()));
                String::new()
            }
        },
    };
    let address_id = typed.address_id.trim();
    let saved = match user {
        Some(user) if !address_id.is_empty() && address_id != "new" => {
            let id = uuid::Uuid::parse_str(address_id).map_err(|_| AppError::NotFound)?;
            let a = domain::accounts::addresses::find(conn, user.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Some(crate::accounts::address_api::SavedAddress::from(a).fields)
        }
        _ => None,
    };
    let is_new = saved.is_none();
    let address = match saved {
        Some(a) => Some(a),
        None => match typed.address.validate() {
            Ok(valid) => Some(valid.into_fields()),
            Err(list) => {
                errors.extend(list.into_iter().map(|(f, m)| (f, m.to_owned())));
                None
            }
        },
    };
    let method = typed.shipping_method.trim();
    if method.is_empty() {
        errors.push(("shipping_method", "Choose a delivery method.".to_owned()));
    } else if domain::checkout::shipping::find_active(conn, method)
        .await?
        .is_none()
    {
        errors.push((
            "shipping_method",
            "That delivery method is no longer offered: choose another.".to_owned(),
        ));
    }
    let (Some(a), true) = (address, errors.is_empty()) else {
        return Err(AppError::invalid(
            errors.iter().map(|(f, m)| (*f, m.as_str())),
        ));
    };
    Ok(Details {
        email,
        address: a.into(),
        shipping_method: method.to_owned(),
        save_new_address: is_new && typed.save_address && user.is_some(),
    })
}

/// Keeps the typed details in the session for the review step.
pub async fn remember(typed: &TypedCheckout) -> Result<(), AppError> {
    crate::accounts::auth::session()
        .await?
        .insert(DETAILS_KEY, typed)
        .await
        .map_err(AppError::internal)
}

/// The details this session last entered, if any.
pub async fn recall() -> Result<Option<TypedCheckout>, AppError> {
    crate::accounts::auth::session()
        .await?
        .get(DETAILS_KEY)
        .await
        .map_err(AppError::internal)
}
