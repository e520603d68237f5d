//! The read cache for public pages (listings, product pages, reviews): serialized answers by
//! key, all dropped at once when the catalog changes. Values are bytes and the store is a trait,
//! so a Redis store can replace the in-process one without touching the callers.
//!
//! Invalidation is by generation: every key is stored under the generation current when its
//! read began, and a change bumps the generation before clearing. A read that started before a
//! change therefore files its (possibly stale) answer under a generation nobody asks for again.
//! A change to one product (a shopper's review or vote) bumps only that product's scope, so the
//! rest of the shop stays cached.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

/// Where cached answers live.
#[async_trait]
pub trait CacheStore: Send + Sync {
    /// The answer stored under `key`, if any.
    async fn get(&self, key: &str) -> Option<Arc<[u8]>>;
    /// Stores `value` under `key`.
    async fn put(&self, key: String, value: Arc<[u8]>);
    /// The current generation.
    fn generation(&self) -> u64;
    /// Starts a new generation and forgets every answer.
    async fn clear(&self);
    /// The current generation of one scope (a product's pages).
    fn scope_generation(&self, scope: &str) -> u64;
    /// Starts a new generation of one scope: its answers are never served again.
    async fn bump_scope(&self, scope: &str);
}

/// The in-process store: moka, bounded by bytes, each answer kept at most `ttl`.
pub struct MemoryCache {
    entries: moka::future::Cache<String, Arc<[u8]>>,
    generation: AtomicU64,
    /// Scopes bumped since the last full clear (only products changed by shoppers).
    scopes: Mutex<HashMap<String, u64>>,
}

impl MemoryCache {
    /// A store holding at most `max_bytes` of answers, each for at most `ttl`.
    pub fn new(max_bytes: u64, ttl: Duration) -> Self {
        Self {
            entries: moka::future::Cache::builder()
                .weigher(|k: &String, v: &Arc<[u8]>| {
                    u32::try_from(k.len() + v.len()).unwrap_or(u32::MAX)
                })
                .max_capacity(max_bytes)
                .time_to_live(ttl)
                .build(),
            generation: AtomicU64::new(0),
            scopes: Mutex::new(HashMap::new()),
        }
    }
}

#[async_trait]
impl CacheStore for MemoryCache {
    async fn get(&self, key: &str) -> Option<Arc<[u8]>> {
        self.entries.get(key).await
    }

    async fn put(&self, key: String, value: Arc<[u8]>) {
        self.entries.insert(key, value).await;
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    async fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        // The new generation changes every key, so the scopes can start again.
        if let Ok(mut scopes) = self.scopes.lock() {
            scopes.clear();
        }
        self.entries.invalidate_all();
    }

    fn scope_generation(&self, scope: &str) -> u64 {
        self.scopes
            .lock()
            .map_or(0, |scopes| scopes.get(scope).copied().unwrap_or(0))
    }

    async fn bump_scope(&self, scope: &str) {
        if let Ok(mut scopes) = self.scopes.lock() {
            *scopes.entry(scope.to_owned()).or_insert(0) += 1;
        }
    }
}

/// The cache handle the server shares: a store (none when the cache is off) plus hit/miss
/// counters in `/metrics`.
#[derive(Clone)]
pub struct ReadCache {
    store: Option<Arc<dyn CacheStore>>,
}

impl ReadCache {
    /// A cache over `store`.
    pub fn new(store: Arc<dyn CacheStore>) -> Self {
        Self { store: Some(store) }
    }

    /// No cache: every read goes to the database.
    pub fn off() -> Self {
        Self { store: None }
    }

    /// The in-process cache the server uses without Redis: `megabytes` (0: nothing is kept),
    /// each answer for at most 10 minutes.
    pub fn in_memory(megabytes: u64) -> Self {
        if megabytes == 0 {
            return Self::off();
        }
        Self::new(Arc::new(MemoryCache::new(
            megabytes * 1024 * 1024,
            Duration::from_secs(600),
        )))
    }

    /// The key `key` has in the current generation (take it before reading the database).
    pub fn versioned(&self, key: &str) -> String {
        let generation = self.store.as_ref().map_or(0, |s| s.generation());
        format!("{generation}:{key}")
    }

    /// The key `key` has in the current generation of the cache and of `scope`.
    pub fn versioned_in(&self, scope: &str, key: &str) -> String {
        let (generation, scoped) = self
            .store
            .as_ref()
            .map_or((0, 0), |s| (s.generation(), s.scope_generation(scope)));
        format!("{generation}:{scope}#{scoped}:{key}")
    }

    /// Forgets the answers of one scope (one product's pages) and nothing else.
    pub async fn invalidate_scope(&self, scope: &str) {
        if let Some(store) = &self.store {
            store.bump_scope(scope).await;
        }
    }

    /// The bytes under a versioned key, counting the hit or miss.
    pub async fn get(&self, versioned_key: &str, kind: &'static str) -> Option<Arc<[u8]>> {
        let store = self.store.as_ref()?;
        let found = store.get(versioned_key).await;
        let outcome = if found.is_some() { "hit" } else { "miss" };
        metrics::counter!("cache_requests_total", "kind" => kind, "outcome" => outcome)
            .increment(1);
        found
    }

    /// Stores bytes under a versioned key.
    pub async fn put(&self, versioned_key: String, value: Vec<u8>) {
        if let Some(store) = &self.store {
            store.put(versioned_key, value.into()).await;
        }
    }

    /// Forgets every answer: call after any write that changes what public pages show.
    pub async fn invalidate(&self) {
        if let Some(store) = &self.store {
            store.clear().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_change_hides_answers_filed_before_it() {
        let cache = ReadCache::in_memory(1);
        let key = cache.versioned("product:shirt");
        cache.put(key.clone(), b"old".to_vec()).await;
        assert_eq!(cache.get(&key, "test").await.as_deref(), Some(&b"old"[..]));

        // A read that began before the change finishes after it: its answer is not served.
        let stale_key = cache.versioned("product:shirt");
        cache.invalidate().await;
        cache.put(stale_key, b"stale".to_vec()).await;
        let fresh_key = cache.versioned("product:shirt");
        assert_ne!(fresh_key, key);
        assert!(cache.get(&fresh_key, "test").await.is_none());
    }

    #[tokio::test]
    async fn a_scope_change_hides_only_that_scope() {
        let cache = ReadCache::in_memory(1);
        let shirt = cache.versioned_in("product:shirt", "page");
        let dress = cache.versioned_in("product:dress", "page");
        cache.put(shirt.clone(), b"shirt".to_vec()).await;
        cache.put(dress.clone(), b"dress".to_vec()).await;
        cache.invalidate_scope("product:shirt").await;
        assert_ne!(cache.versioned_in("product:shirt", "page"), shirt);
        assert_eq!(cache.versioned_in("product:dress", "page"), dress);
        assert!(cache.get(&dress, "test").await.is_some());
        // A full clear still hides every scope.
        cache.invalidate().await;
        assert_ne!(cache.versioned_in("product:dress", "page"), dress);
    }

    #[tokio::test]
    async fn an_off_cache_keeps_nothing() {
        let cache = ReadCache::in_memory(0);
        let key = cache.versioned("listing:all");
        cache.put(key.clone(), b"x".to_vec()).await;
        assert!(cache.get(&key, "test").await.is_none());
    }
}
