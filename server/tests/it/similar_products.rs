//! Similar products by embedding: the job sends the products' text through the real
//! async-openai client to a fake OpenAI server, stores unit vectors, precomputes cosine
//! neighbours per top-level category, and the product page shows them; unchanged text is not
//! sent again; a refused key fails the job and the page keeps the local method; no key, no call.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::catalog::Product;
use domain::catalog::embeddings;
use domain::catalog::reads::similar_products;
use domain::db::schema::{product_embeddings, products};
use domain::jobs::Job;
use domain::jobs::embed_products::EmbedProducts;
use scraper::{Html, Selector};

use crate::catalog::store;
use crate::util::TestApp;
use crate::util::openai_server::{Behaviour, OpenAiServer};

const KEY: &str = "sk-test-embeddings";

async fn app_with(fake: &OpenAiServer) -> TestApp {
    TestApp::new()
        .with_env("OPENAI_API_KEY", KEY)
        .with_env("OPENAI_BASE_URL", &fake.base_url)
        .build()
        .await
}

/// Two active products of one category, the second made the first's textual twin but ranked
/// last by the local method (out of stock, never sold).
async fn twins(app: &TestApp) -> (Product, Product) {
    let mut conn = app.conn().await;
    let all: Vec<Product> = products::table
        .filter(products::status.eq("active"))
        .select(Product::as_select())
        .order(products::id)
        .load(&mut *conn)
        .await
        .unwrap();
    let a = all
        .iter()
        .find(|p| {
            all.iter()
                .filter(|q| q.category_id == p.category_id)
                .count()
                >= 7
        })
        .expect("a category with seven products")
        .clone();
    let b_id = all
        .iter()
        .rev()
        .find(|q| q.category_id == a.category_id && q.id != a.id)
        .unwrap()
        .id;
    diesel::update(products::table.find(b_id))
        .set((
            products::name.eq(format!("{} Twin", a.name)),
            products::description.eq(&a.description),
            products::in_stock.eq(false),
            products::sales_count.eq(0),
        ))
        .execute(&mut *conn)
        .await
        .unwrap();
    let b = products::table
        .find(b_id)
        .select(Product::as_select())
        .first(&mut *conn)
        .await
        .unwrap();
    (a, b)
}

/// The product slugs in the page's "You may also like" section, in order.
async fn similar_on_page(app: &TestApp, slug: &str) -> Vec<String> {
    let (status, html) = app.get_text(&format!("/products/{slug}")).await;
    assert_eq!(status, 200);
    let doc = Html::parse_document(&html);
    let tiles = Selector::parse("[data-testid=similar] a[href^='/products/']").unwrap();
    let mut slugs: Vec<String> = doc
        .select(&tiles)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/products/").to_owned())
        .collect();
    slugs.dedup();
    slugs
}

async fn stored_vectors(app: &TestApp) -> i64 {
    product_embeddings::table
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap()
}

async fn active_count(app: &TestApp) -> usize {
    let n: i64 = products::table
        .filter(products::status.eq("active"))
        .count()
        .get_result(&mut *app.conn().await)
        .await
        .unwrap();
    usize::try_from(n).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn embeddings_rank_similar_products_and_only_changed_text_is_sent_again() {
    let fake = OpenAiServer::start(Behaviour::Answer).await;
    let app = app_with(&fake).await;
    store(&app).await;
    let (a, b) = twins(&app).await;

    // Before the job: the local method, which puts the sold-out twin last.
    let before = similar_on_page(&app, &a.slug).await;
    assert_eq!(before.len(), 4);
    assert!(!before.contains(&b.slug), "{before:?}");

    EmbedProducts {}.run(&app.job_context()).await.unwrap();
    let asked = fake.received();
    assert_eq!(asked.len(), 1, "one batch for the whole demo store");
    assert_eq!(asked[0].authorization, format!("Bearer {KEY}"));
    assert_eq!(asked[0].body["model"], "text-embedding-3-small");
    assert_eq!(asked[0].body["dimensions"], 256);
    let inputs = asked[0].inputs();
    assert_eq!(inputs.len(), active_count(&app).await);
    assert!(
        inputs
            .iter()
            .any(|t| t.starts_with(&format!("{} Twin\n", a.name)))
    );

    // Vectors are stored at unit length; neighbours stay inside the top-level category.
    let mut conn = app.conn().await;
    let vector: Vec<f32> = product_embeddings::table
        .find(a.id)
        .select(product_embeddings::embedding)
        .first(&mut *conn)
        .await
        .unwrap();
    assert_eq!(vector.len(), 256);
    let length: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((length - 1.0).abs() < 1e-4, "{length}");
    let neighbours = embeddings::neighbours(&mut conn, a.id).await.unwrap();
    assert_eq!(neighbours.len(), embeddings::NEIGHBOURS);
    assert_eq!(neighbours[0], b.id, "the twin is nearest");
    let shown = similar_products(&mut conn, &a, 4).await.unwrap();
    assert_eq!(shown[0].id, b.id);
    assert_eq!(shown.len(), 4);
    drop(conn);

    // The page (cached before the job) shows the twin first now.
    let after = similar_on_page(&app, &a.slug).await;
    assert_eq!(<[String]>::first(&after), Some(&b.slug), "{after:?}");
    assert_eq!(after.len(), 4);

    // Nothing changed: nothing is sent.
    EmbedProducts {}.run(&app.job_context()).await.unwrap();
    assert_eq!(fake.received().len(), 1);

    // One description edited: only that product is sent.
    diesel::update(products::table.find(a.id))
        .set(products::description.eq("A completely different text about garden hoses"))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    EmbedProducts {}.run(&app.job_context()).await.unwrap();
    let asked = fake.received();
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[1].inputs().len(), 1);
    assert!(asked[1].inputs()[0].contains("garden hoses"));

    // An archived neighbour is skipped and the list topped up.
    diesel::update(products::table.find(b.id))
        .set(products::status.eq("archived"))
        .execute(&mut *app.conn().await)
        .await
        .unwrap();
    let shown = similar_products(&mut *app.conn().await, &a, 4)
        .await
        .unwrap();
    assert_eq!(shown.len(), 4);
    assert!(shown.iter().all(|p| p.id != b.id && p.id != a.id));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_key_fails_the_job_and_the_page_keeps_the_local_method() {
    let fake = OpenAiServer::start(Behaviour::Refuse).await;
    let app = app_with(&fake).await;
    let ids = store(&app).await;
    let error = EmbedProducts {}
        .run(&app.job_context())
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("Incorrect API key"), "{error}");
    assert!(!fake.received().is_empty());
    assert_eq!(stored_vectors(&app).await, 0);
    let slug: String = products::table
        .find(ids[0])
        .select(products::slug)
        .first(&mut *app.conn().await)
        .await
        .unwrap();
    assert_eq!(similar_on_page(&app, &slug).await.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_key_nothing_is_sent_and_no_schedule_exists() {
    let app = TestApp::start().await;
    store(&app).await;
    EmbedProducts {}.run(&app.job_context()).await.unwrap();
    assert_eq!(stored_vectors(&app).await, 0);
    let names: Vec<&str> = domain::jobs::periodic::daydream(false)
        .iter()
        .map(|s| s.name)
        .collect();
    assert!(!names.contains(&EmbedProducts::NAME));
    assert!(
        domain::jobs::periodic::daydream(true)
            .iter()
            .any(|s| s.name == EmbedProducts::NAME)
    );
}
