//! The caller's address book: list, read one, add, edit, delete, make default. Every function
//! requires a signed-in caller and reaches only their own addresses (another user's address
//! answers 404, like one that does not exist).

// An address form has nine fields, and a server function takes them as arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::address_fields::AddressInput;
use crate::error::AppError;

/// A saved address as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAddress {
    pub id: String,
    pub fields: AddressInput,
    pub is_default: bool,
}

#[cfg(feature = "ssr")]
impl From<domain::accounts::addresses::Address> for SavedAddress {
    fn from(a: domain::accounts::addresses::Address) -> Self {
        Self {
            id: a.id.to_string(),
            is_default: a.is_default,
            fields: AddressInput {
                full_name: a.full_name,
                line1: a.line1,
                line2: a.line2,
                city: a.city,
                region: a.region,
                postal_code: a.postal_code,
                country: a.country,
                phone: a.phone,
            },
        }
    }
}

#[cfg(feature = "ssr")]
fn address_error(e: domain::accounts::addresses::AddressError) -> AppError {
    use domain::accounts::addresses::{AddressError as E, MAX_PER_USER};
    match e {
        E::NotFound => AppError::NotFound,
        E::TooMany => AppError::conflict(format!(
            "You can keep at most {MAX_PER_USER} addresses. Delete one you no longer use first."
        )),
        E::Database(e) => AppError::internal(e),
    }
}

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
}

/// The address form as submitted (optional fields absent when the browser left them out).
#[cfg(feature = "ssr")]
fn submitted(
    full_name: String,
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: String,
    country: String,
    phone: Option<String>,
) -> AddressInput {
    AddressInput {
        full_name,
        line1,
        line2: line2.unwrap_or_default(),
        city,
        region: region.unwrap_or_default(),
        postal_code,
        country,
        phone: phone.unwrap_or_default(),
    }
}

/// Checks the submitted fields, reporting every bad one.
#[cfg(feature = "ssr")]
fn checked(input: AddressInput) -> Result<domain::accounts::addresses::AddressFields, AppError> {
    // A refused plain post keeps what was typed (the page fills the form with it again).
    let valid = input
        .validate()
        .map_err(|e| AppError::invalid(e).keeping(&input))?;
    Ok(valid.into_fields().into())
}

/// The caller's addresses, the default first.
#[server(prefix = "/api", endpoint = "addresses")]
pub async fn my_addresses() -> Result<Vec<SavedAddress>, AppError> {
    let user = super::auth::require_user().await?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    let list = domain::accounts::addresses::list(&mut conn, user.id).await?;
    Ok(list.into_iter().map(SavedAddress::from).collect())
}

/// One of the caller's addresses.
#[server(prefix = "/api", endpoint = "address")]
pub async fn my_address(id: String) -> Result<SavedAddress, AppError> {
    let user = super::auth::require_user().await?;
    let id = parse_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::addresses::find(&mut conn, user.id, id)
        .await?
        .map(SavedAddress::from)
        .ok_or(AppError::NotFound)
}

/// Adds an address to the caller's book (`make_default` set by a ticked box).
#[server(prefix = "/api", endpoint = "add_address")]
pub async fn add_address(
    full_name: String,
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: String,
    country: String,
    phone: Option<String>,
    make_default: Option<String>,
) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let fields = checked(submitted(
        full_name,
        line1,
        line2,
        city,
        region,
        postal_code,
        country,
        phone,
    ))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::addresses::create(&mut conn, user.id, &fields, make_default.is_some())
        .await
        .map_err(address_error)?;
    leptos_axum::redirect("/account/addresses?saved=1");
    Ok(())
}

/// Replaces the fields of one of the caller's addresses.
#[server(prefix = "/api", endpoint = "update_address")]
pub async fn update_address(
    id: String,
    full_name: String,
    line1: String,
    line2: Option<String>,
    city: String,
    region: Option<String>,
    postal_code: String,
    country: String,
    phone: Option<String>,
    make_default: Option<String>,
) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let id = parse_id(&id)?;
    let fields = checked(submitted(
        full_name,
        line1,
        line2,
        city,
        region,
        postal_code,
        country,
        phone,
    ))?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::addresses::update(&mut conn, user.id, id, &fields, make_default.is_some())
        .await
        .map_err(address_error)?;
    leptos_axum::redirect("/account/addresses?saved=1");
    Ok(())
}

/// Deletes one of the caller's addresses.
#[server(prefix = "/api", endpoint = "delete_address")]
pub async fn delete_address(id: String) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let id = parse_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::addresses::delete(&mut conn, user.id, id)
        .await
        .map_err(address_error)?;
    leptos_axum::redirect("/account/addresses?deleted=1");
    Ok(())
}

/// Makes one of the caller's addresses the default.
#[server(prefix = "/api", endpoint = "make_default_address")]
pub async fn make_default_address(id: String) -> Result<(), AppError> {
    let user = super::auth::require_user().await?;
    let id = parse_id(&id)?;
    let ctx = crate::server_context::ServerContext::current()?;
    let mut conn = ctx.conn().await?;
    domain::accounts::addresses::set_default(&mut conn, user.id, id)
        .await
        .map_err(address_error)?;
    leptos_axum::redirect("/account/addresses?saved=1");
    Ok(())
}
