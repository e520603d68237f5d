//! Sign-in with Google or GitHub: the authorization code flow with PKCE and a random state,
//! through the `oauth2` crate (its HTTP calls made by our own reqwest client, which follows no
//! redirect). Google is asked for OpenID Connect's `openid email profile` and its userinfo
//! endpoint tells the address and whether Google verified it; GitHub's API tells the primary
//! address and whether GitHub verified it. A provider is on only when its client id and
//! secret are configured; its endpoints can be pointed elsewhere (the tests' local fake).

use std::sync::Arc;

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse, TokenUrl,
};
use serde::Deserialize;

/// A sign-in provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Google,
    GitHub,
}

impl Provider {
    /// Both, in the order the sign-in page shows them.
    pub const ALL: [Provider; 2] = [Self::Google, Self::GitHub];

    /// The stored value and the URL's word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Google => "google",
            Self::GitHub => "github",
        }
    }

    /// Parses a stored value or a URL's word.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The provider's name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Google => "Google",
            Self::GitHub => "GitHub",
        }
    }

    fn scopes(self) -> &'static [&'static str] {
        match self {
            Self::Google => &["openid", "email", "profile"],
            Self::GitHub => &["read:user", "user:email"],
        }
    }
}

/// One provider's settings (its `Debug` leaves the secret out).
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderSettings {
    pub client_id: String,
    pub client_secret: String,
    pub auth_url: String,
    pub token_url: String,
    /// Google: the userinfo endpoint; GitHub: the API's base (`/user`, `/user/emails`).
    pub profile_url: String,
}

impl std::fmt::Debug for ProviderSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderSettings")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[hidden]")
            .field("auth_url", &self.auth_url)
            .field("token_url", &self.token_url)
            .field("profile_url", &self.profile_url)
            .finish()
    }
}

impl ProviderSettings {
    /// Google's endpoints with these credentials.
    pub fn google(client_id: String, client_secret: String) -> Self {
        Self {
            client_id,
            client_secret,
            auth_url: "https://accounts.google.com/o/oauth2/v2/auth".to_owned(),
            token_url: "https://oauth2.googleapis.com/token".to_owned(),
            profile_url: "https://openidconnect.googleapis.com/v1/userinfo".to_owned(),
        }
    }

    /// GitHub's endpoints with these credentials.
    pub fn github(client_id: String, client_secret: String) -> Self {
        Self {
            client_id,
            client_secret,
            auth_url: "https://github.com/login/oauth/authorize".to_owned(),
            token_url: "https://github.com/login/oauth/access_token".to_owned(),
            profile_url: "https://api.github.com".to_owned(),
        }
    }
}

/// Why a sign-in with a provider failed.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    /// The provider is not configured.
    #[error("sign-in with this provider is off")]
    Off,
    #[error("the provider's settings are wrong: {0}")]
    Settings(String),
    /// The code could not be exchanged for a token (refused, expired, a wrong verifier).
    #[error("the provider refused the sign-in: {0}")]
    Exchange(String),
    /// The person's profile could not be read.
    #[error("the provider's profile could not be read: {0}")]
    Profile(String),
}

/// Who the provider says signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub provider: Provider,
    /// The provider's stable id of the person.
    pub subject: String,
    pub email: String,
    /// Whether the provider verified the address.
    pub email_verified: bool,
    pub name: String,
}

/// A sign-in begun: where to send the person, and what to keep in their session to check
/// the way back.
#[derive(Debug)]
pub struct Started {
    pub authorize_url: String,
    pub state: String,
    pub pkce_verifier: String,
}

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

struct Configured {
    client: Client,
    profile_url: String,
}

/// The configured providers; cheap to clone.
#[derive(Clone, Default)]
pub struct OAuth {
    google: Option<Arc<Configured>>,
    github: Option<Arc<Configured>>,
    http: reqwest::Client,
}

fn configure(s: &ProviderSettings, redirect: String) -> Result<Arc<Configured>, OAuthError> {
    let bad = |what: &str, e: oauth2::url::ParseError| OAuthError::Settings(format!("{what}: {e}"));
    let client = BasicClient::new(ClientId::new(s.client_id.clone()))
        .set_client_secret(ClientSecret::new(s.client_secret.clone()))
        .set_auth_uri(AuthUrl::new(s.auth_url.clone()).map_err(|e| bad("auth url", e))?)
        .set_token_uri(TokenUrl::new(s.token_url.clone()).map_err(|e| bad("token url", e))?)
        .set_redirect_uri(RedirectUrl::new(redirect).map_err(|e| bad("redirect url", e))?);
    Ok(Arc::new(Configured {
        client,
        profile_url: s.profile_url.trim_end_matches('/').to_owned(),
    }))
}

/// Where provider `p` sends the person back to, on the site at `public_url`.
pub fn callback_url(public_url: &str, p: Provider) -> String {
    format!(
        "{}/auth/{}/callback",
        public_url.trim_end_matches('/'),
        p.as_str()
    )
}

impl OAuth {
    /// The providers whose settings are given, answering at `public_url`.
    pub fn new(
        public_url: &str,
        google: Option<&ProviderSettings>,
        github: Option<&ProviderSettings>,
    ) -> Result<Self, OAuthError> {
        crate::tls::install_crypto_provider();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .user_agent("Daydream")
            .build()
            .map_err(|e| OAuthError::Settings(e.to_string()))?;
        Ok(Self {
            google: google
                .map(|s| configure(s, callback_url(public_url, Provider::Google)))
                .transpose()?,
            github: github
                .map(|s| configure(s, callback_url(public_url, Provider::GitHub)))
                .transpose()?,
            http,
        })
    }

    /// The providers that are on.
    pub fn enabled(&self) -> Vec<Provider> {
        Provider::ALL
            .into_iter()
            .filter(|p| self.provider(*p).is_some())
            .collect()
    }

    fn provider(&self, p: Provider) -> Option<&Configured> {
        match p {
            Provider::Google => self.google.as_deref(),
            Provider::GitHub => self.github.as_deref(),
        }
    }

    /// Begins a sign-in with `p`: the provider's address with a fresh state and PKCE challenge.
    pub fn start(&self, p: Provider) -> Result<Started, OAuthError> {
        let configured = self.provider(p).ok_or(OAuthError::Off)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = configured
            .client
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge);
        for scope in p.scopes() {
            request = request.add_scope(Scope::new((*scope).to_owned()));
        }
        let (url, state) = request.url();
        Ok(Started {
            authorize_url: url.to_string(),
            state: state.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Finishes a sign-in with `p`: exchanges `code` (with the PKCE verifier kept at the
    /// start) for a token and reads who signed in.
    pub async fn finish(
        &self,
        p: Provider,
        code: &str,
        pkce_verifier: &str,
    ) -> Result<Identity, OAuthError> {
        let configured = self.provider(p).ok_or(OAuthError::Off)?;
        let http = self.http.clone();
        let send = move |request: oauth2::HttpRequest| {
            let http = http.clone();
            async move { send(&http, request).await }
        };
        let token = configured
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&send)
            .await
            .map_err(|e| OAuthError::Exchange(e.to_string()))?;
        let access = token.access_token().secret();
        match p {
            Provider::Google => self.google_profile(&configured.profile_url, access).await,
            Provider::GitHub => self.github_profile(&configured.profile_url, access).await,
        }
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        url: &str,
        token: &str,
    ) -> Result<T, OAuthError> {
        let response = self
            .http
            .get(url)
            .bearer_auth(token)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| OAuthError::Profile(e.to_string()))?;
        if !response.status().is_success() {
            return Err(OAuthError::Profile(format!(
                "{url} answered {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| OAuthError::Profile(e.to_string()))
    }

    async fn google_profile(&self, url: &str, token: &str) -> Result<Identity, OAuthError> {
        #[derive(Deserialize)]
        struct UserInfo {
            sub: String,
            email: Option<String>,
            #[serde(default)]
            email_verified: bool,
            #[serde(default)]
            name: String,
        }
        let info: UserInfo = self.get(url, token).await?;
        let email = info
            .email
            .ok_or_else(|| OAuthError::Profile("no email address".to_owned()))?;
        Ok(Identity {
            provider: Provider::Google,
            subject: info.sub,
            email,
            email_verified: info.email_verified,
            name: info.name,
        })
    }

    async fn github_profile(&self, base: &str, token: &str) -> Result<Identity, OAuthError> {
        #[derive(Deserialize)]
        struct User {
            id: i64,
            login: String,
            name: Option<String>,
        }
        #[derive(Deserialize)]
        struct Email {
            email: String,
            #[serde(default)]
            primary: bool,
            #[serde(default)]
            verified: bool,
        }
        let user: User = self.get(&format!("{base}/user"), token).await?;
        let emails: Vec<Email> = self.get(&format!("{base}/user/emails"), token).await?;
        let primary = emails
            .into_iter()
            .find(|e| e.primary)
            .ok_or_else(|| OAuthError::Profile("no primary email address".to_owned()))?;
        Ok(Identity {
            provider: Provider::GitHub,
            subject: user.id.to_string(),
            email: primary.email,
            email_verified: primary.verified,
            name: user
                .name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(user.login),
        })
    }
}

/// One of `oauth2`'s requests, sent with our client.
async fn send(
    http: &reqwest::Client,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, reqwest::Error> {
    let (parts, body) = request.into_parts();
    let response = http
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let mut answer = http::Response::builder().status(response.status());
    if let Some(headers) = answer.headers_mut() {
        *headers = response.headers().clone();
    }
    let bytes = response.bytes().await?;
    Ok(answer
        .body(bytes.to_vec())
        .unwrap_or_else(|_| http::Response::new(Vec::new())))
}

#[cfg(test)]
mod tests {
    use super::{OAuth, Provider, ProviderSettings};

    #[test]
    fn a_start_carries_state_pkce_and_the_callback() {
        let google = ProviderSettings::google("id".into(), "secret".into());
        let oauth = OAuth::new("https://shop.example", Some(&google), None).unwrap();
        assert_eq!(oauth.enabled(), vec![Provider::Google]);
        let started = oauth.start(Provider::Google).unwrap();
        let url = &started.authorize_url;
        assert!(url.starts_with("https://accounts.google.com/o/oauth2/v2/auth?"));
        assert!(url.contains("code_challenge_method=S256"));
        assert!(url.contains(&format!("state={}", started.state)));
        assert!(url.contains("redirect_uri=https%3A%2F%2Fshop.example%2Fauth%2Fgoogle%2Fcallback"));
        assert!(url.contains("scope=openid+email+profile"));
        assert!(oauth.start(Provider::GitHub).is_err(), "GitHub is off");
        let again = oauth.start(Provider::Google).unwrap();
        assert_ne!(again.state, started.state);
        assert_ne!(again.pkce_verifier, started.pkce_verifier);
    }
}
