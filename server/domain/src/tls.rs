//! The TLS crypto provider: reqwest (under async-openai) is built without one, so the process
//! installs ring, the provider lettre already uses, before building any HTTP client.

/// Installs ring as the process's rustls provider; calling it again is harmless.
pub fn install_crypto_provider() {
    // Err only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
