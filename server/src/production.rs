//! What a production start refuses: demo accounts whose passwords the README prints, demo coupon
//! codes anyone can read, the sandbox payment provider unless the operator opted in with
//! `DAYDREAM_ALLOW_SANDBOX_PAYMENTS=true`, and sign-in provider endpoints that are not https. Each refusal says what to do about it; the process
//! exits with code 2, as for a bad setting.

use diesel_async::AsyncPgConnection;

use crate::config::{Config, Environment};

/// A production start that would be unsafe, with every reason found.
#[derive(Debug, thiserror::Error)]
#[error(
    "refusing to start in production (DAYDREAM_ENV=production):\n{}\nTo try Daydream on this machine instead, run `make run` or set DAYDREAM_ENV=development.",
    .reasons.iter().map(|r| format!("  - {r}")).collect::<Vec<_>>().join("\n")
)]
pub struct UnsafeProduction {
    pub reasons: Vec<String>,
}

/// Checks a production start; development passes always.
pub async fn check(config: &Config, conn: &mut AsyncPgConnection) -> anyhow::Result<()> {
    if config.environment != Environment::Production {
        return Ok(());
    }
    let mut reasons = Vec::new();
    let people = domain::accounts::demo::existing_demo_people(conn).await?;
    if !people.is_empty() {
        reasons.push(format!(
            "demo accounts with published passwords exist ({}): delete them or give them new addresses and passwords",
            people.join(", ")
        ));
    }
    let coupons = domain::checkout::demo::existing_demo_coupons(conn).await?;
    if !coupons.is_empty() {
        reasons.push(format!(
            "demo coupons exist ({}): delete them at /admin/coupons (in development) or from the database",
            coupons.join(", ")
        ));
    }
    if config.media.key.is_none() {
        reasons.push(
            "DAYDREAM_MEDIA_KEY is not set: production needs a key of at least 32 characters to sign the addresses of private photos (try `openssl rand -hex 32`); development makes one in the data folder"
                .to_owned(),
        );
    }
    if !config.allow_sandbox_payments {
        reasons.push(
            "no real payment provider is configured, and the sandbox takes no money: configure one, or set DAYDREAM_ALLOW_SANDBOX_PAYMENTS=true to run on the sandbox on purpose"
                .to_owned(),
        );
    }
    for settings in [&config.oauth.google, &config.oauth.github]
        .into_iter()
        .flatten()
    {
        for url in [
            &settings.auth_url,
            &settings.token_url,
            &settings.profile_url,
        ] {
            if !url.starts_with("https://") {
                reasons.push(format!(
                    "the sign-in provider endpoint `{url}` is not https: tokens and profiles would travel in clear; leave the DAYDREAM_GOOGLE_*/DAYDREAM_GITHUB_* endpoints unset to use the providers' own"
                ));
            }
        }
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(UnsafeProduction { reasons }.into())
    }
}
