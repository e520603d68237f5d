//! The home page's shop window: featured products, the best rated, new arrivals and the
//! categories, from the catalog (anyone may ask).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::api::ProductCard;
use crate::catalog::listing_page::ProductTile;
use crate::error::AppError;

/// What the home page shows from the shop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShowcaseView {
    pub featured: Vec<ProductCard>,
    pub top_rated: Vec<ProductCard>,
    pub new_arrivals: Vec<ProductCard>,
    /// (slug, name) of the top-level categories.
    pub categories: Vec<(String, String)>,
}

/// The home page's products and categories.
#[server(prefix = "/api", endpoint = "showcase", input = server_fn::codec::GetUrl)]
pub async fn showcase() -> Result<ShowcaseView, AppError> {
    let ctx = crate::server_context::ServerContext::current()?;
    ctx.cached("showcase", "home", load_showcase(&ctx)).await
}

/// The home page's data from the database.
#[cfg(feature = "ssr")]
async fn load_showcase(
    ctx: &crate::server_context::ServerContext,
) -> Result<ShowcaseView, AppError> {
    use crate::catalog::api::cards;
    use domain::catalog::listing::{self, Filter, Sort};
    use domain::catalog::reads;
    let mut conn = ctx.conn().await?;
    let db = AppError::internal;
    let brands = reads::all_brands(&mut conn).await.map_err(db)?;
    let featured = reads::featured(&mut conn, 8).await.map_err(db)?;
    let featured = cards(&mut conn, &featured, &brands).await?;
    let in_stock = Filter {
        in_stock: true,
        ..Filter::default()
    };
    let top_rated = listing::search(&mut conn, &in_stock, Sort::Rating, 4, 0)
        .await
        .map_err(db)?
        .0;
    let top_rated = cards(&mut conn, &top_rated, &brands).await?;
    let new_arrivals = listing::search(&mut conn, &in_stock, Sort::Newest, 4, 0)
        .await
        .map_err(db)?
        .0;
    let new_arrivals = cards(&mut conn, &new_arrivals, &brands).await?;
    let categories = reads::all_categories(&mut conn)
        .await
        .map_err(db)?
        .into_iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| (c.slug, c.name))
        .collect();
    Ok(ShowcaseView {
        featured,
        top_rated,
        new_arrivals,
        categories,
    })
}

/// A titled row of products.
#[component]
fn Row(title: &'static str, testid: &'static str, products: Vec<ProductCard>) -> impl IntoView {
    (!products.is_empty()).then(|| {
        view! {
            <section class="mt-16" aria-label=title>
                <h2 class="text-2xl font-bold">{title}</h2>
                <ul class="mt-4 grid grid-cols-2 gap-6 md:grid-cols-4" data-testid=testid>
                    {products.into_iter().map(|p| view! { <ProductTile product=p /> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The categories, featured products, best rated and new arrivals.
#[component]
pub fn ShopWindow() -> impl IntoView {
    let data = crate::ui::loaded::started(showcase());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(s) = data.await else {
                    // The hero and the studio above still work; say why the shelves are empty.
                    return view! {
                        <p class="mt-16 rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900" role="status" data-testid="shop-window-unavailable">
                            "The shop's shelves could not be loaded just now. Please try again in a moment."
                        </p>
                    }
                    .into_any();
                };
                view! {
                    <nav class="mt-16" aria-label="Shop by category">
                        <h2 class="text-2xl font-bold">"Shop by category"</h2>
                        <ul class="mt-4 flex flex-wrap gap-3" data-testid="home-categories">
                            {s.categories.into_iter().map(|(slug, name)| view! {
                                <li><a class="rounded-full border border-stone-300 px-4 py-2 hover:border-indigo-500" href=format!("/categories/{slug}")>{name}</a></li>
                            }).collect_view()}
                        </ul>
                    </nav>
                    <Row title="Featured" testid="featured" products=s.featured />
                    <Row title="Best rated" testid="top-rated" products=s.top_rated />
                    <Row title="New arrivals" testid="new-arrivals" products=s.new_arrivals />
                }
                .into_any()
            })}
        </Suspense>
    }
}
