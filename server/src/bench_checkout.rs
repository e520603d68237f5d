//! `daydream bench-checkout`: checkout throughput on this machine. `buyers` tasks each place
//! orders (the real one-transaction checkout with the sandbox provider, on the configured
//! PostgreSQL) for a few seconds: first over `variants` hot variants, then with every buyer
//! wanting the same one — each from carts of one unit of a random hot variant filled before the
//! clock starts, so the figures are the checkout's alone — and last looping "new cart, add,
//! place" to show what filling the cart adds. Prints orders/s, p50 and p99 of placing the
//! order, CPU-ms per order (this process plus every PostgreSQL process of the private cluster)
//! and checks that nothing was oversold.

use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use domain::checkout::place::{Buyer, CheckoutError, PlaceOrder};
use domain::db::DbPool;
use domain::db::schema::product_variants;
use rand::Rng;

use crate::config::Config;
use crate::database::Database;

/// What one scenario measured.
struct Report {
    orders: usize,
    refused: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
    cpu_ms: f64,
}

/// How a scenario's buyers get their carts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carts {
    /// Filled before the clock starts: only placing the order is measured.
    Ready,
    /// Made and filled in the measured loop, before each order.
    InTheLoop,
}

/// Stock each hot variant starts with (the run never sells it out).
const STOCK: i32 = 10_000_000;

/// Runs both scenarios and prints their lines.
pub async fn run(
    config: &Config,
    buyers: usize,
    variants: usize,
    seconds: u64,
) -> anyhow::Result<()> {
    let db = Database::open(config).await?;
    let result = async {
        let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
        let hot = {
            let mut conn = db.pool.get().await.context("database")?;
            domain::checkout::demo::hot_variants(&mut conn, &tag, variants.max(1), STOCK, 2500).await?
        };
        let ids: Vec<i64> = hot.iter().map(|(id, _)| *id).collect();
        let postmaster = config.data_dir.join("postgres").join("postmaster.pid");
        crate::report::line(format!(
            "{:<28} {:>9} {:>8} {:>8} {:>12} {:>8}",
            "checkout scenario", "orders/s", "p50_ms", "p99_ms", "cpu_ms/order", "refused"
        ));
        for (name, pool, carts) in [
            (format!("{buyers} buyers, {} variants", ids.len()), ids.clone(), Carts::Ready),
            (format!("{buyers} buyers, 1 variant"), ids[..1].to_vec(), Carts::Ready),
            (format!("{buyers} buyers, {} v., +cart", ids.len()), ids.clone(), Carts::InTheLoop),
        ] {
            // A short warm-up, then the measured run.
            scenario(&db.pool, &pool, buyers, Duration::from_secs(2), carts, &postmaster).await?;
            let r = scenario(&db.pool, &pool, buyers, Duration::from_secs(seconds), carts, &postmaster)
                .await?;
            crate::report::line(format!(
                "{name:<28} {:>9.0} {:>8.2} {:>8.2} {:>12.2} {:>8}",
                r.orders as f64 / r.seconds,
                r.p50_ms,
                r.p99_ms,
                r.cpu_ms,
                r.refused
            ));
        }
        let mut conn = db.pool.get().await.context("database")?;
        let rows: Vec<(i32, i32)> = product_variants::table
            .filter(product_variants::id.eq_any(&ids))
            .select((product_variants::stock, product_variants::sold))
            .load(&mut *conn)
            .await?;
        let oversold = rows.iter().filter(|(stock, sold)| *stock < 0 || stock + sold != STOCK).count();
        let sold: i64 = rows.iter().map(|(_, s)| i64::from(*s)).sum();
        crate::report::line(format!("# {sold} units sold; variants whose stock + sold is not what they started with: {oversold}"));
        anyhow::ensure!(oversold == 0, "stock was not conserved");
        anyhow::Ok(())
    }
    .await;
    db.close().await;
    result
}

/// A new guest cart holding one unit of a random variant of `variants`.
async fn one_unit_cart(
    conn: &mut domain::db::PooledConn,
    variants: &[i64],
) -> anyhow::Result<uuid::Uuid> {
    let variant = variants[rand::rng().random_range(0..variants.len())];
    let cart = domain::cart::create_guest(conn).await?;
    domain::cart::edits::add(conn, cart, variant, 1).await?;
    Ok(cart)
}

/// `buyers` tasks buying for `length`; latencies of placing the order. With [`Carts::Ready`]
/// each buyer first fills more carts than it can check out in `length` (at 150 orders/s each),
/// and the clock and the CPU count start when all are ready.
async fn scenario(
    pool: &DbPool,
    variants: &[i64],
    buyers: usize,
    length: Duration,
    carts: Carts,
    postmaster: &std::path::Path,
) -> anyhow::Result<Report> {
    let ready = std::sync::Arc::new(tokio::sync::Barrier::new(buyers + 1));
    let mut tasks = Vec::new();
    for buyer in 0..buyers {
        let pool = pool.clone();
        let variants = variants.to_vec();
        let ready = ready.clone();
        tasks.push(tokio::spawn(async move {
            let prepared = async {
                let mut conn = pool.get().await.map_err(|e| anyhow::anyhow!("pool: {e}"))?;
                let mut filled = Vec::new();
                if carts == Carts::Ready {
                    let enough = (length.as_secs_f64() * 150.0).ceil() as usize + 20;
                    for _ in 0..enough {
                        filled.push(one_unit_cart(&mut conn, &variants).await?);
                    }
                }
                anyhow::Ok((conn, filled))
            }
            .await;
            // Everyone reaches the start, ready or not, so a failure cannot leave the rest waiting.
            ready.wait().await;
            let (mut conn, mut filled) = prepared?;
            let deadline = Instant::now() + length;
            let mut latencies = Vec::new();
            let mut refused = 0usize;
            let card = domain::payments::Card {
                number: domain::payments::sandbox::APPROVED.to_owned(),
                exp_month: 12,
                exp_year: 2099,
                cvc: "123".to_owned(),
            };
            while Instant::now() < deadline {
                let cart = match carts {
                    Carts::Ready => filled.pop().context("more orders than carts filled")?,
                    Carts::InTheLoop => one_unit_cart(&mut conn, &variants).await?,
                };
                let t = Instant::now();
                let placed = domain::checkout::place::place(
                    &mut conn,
                    &domain::payments::sandbox::Sandbox,
                    &PlaceOrder {
                        cart_id: cart,
                        idempotency_key: uuid::Uuid::new_v4(),
                        buyer: Buyer {
                            user_id: None,
                            email: format!("buyer{buyer}@bench.example"),
                        },
                        ship_to: domain::orders::ShipTo {
                            full_name: "Bench Buyer".to_owned(),
                            line1: "Damrak 1".to_owned(),
                            city: "Amsterdam".to_owned(),
                            postal_code: "1012 LG".to_owned(),
                            country: "NL".to_owned(),
                            ..domain::orders::ShipTo::default()
                        },
                        shipping_code: "standard",
                        card: &card,
                        public_url: "http://bench.example",
                        save_address: None,
                    },
                )
                .await;
                match placed {
                    Ok(_) => latencies.push(t.elapsed()),
                    Err(CheckoutError::OutOfStock { .. }) => refused += 1,
                    Err(e) => return Err(anyhow::anyhow!("checkout failed: {e}")),
                }
            }
            anyhow::Ok((latencies, refused))
        }));
    }
    ready.wait().await;
    let before = cpu_ticks(postmaster);
    let started = Instant::now();
    let mut latencies = Vec::new();
    let mut refused = 0;
    for t in tasks {
        let (l, r) = t.await??;
        latencies.extend(l);
        refused += r;
    }
    let seconds = started.elapsed().as_secs_f64();
    let after = cpu_ticks(postmaster);
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let hz = 100.0; // USER_HZ on Linux
    let orders = latencies.len();
    Ok(Report {
        orders,
        refused,
        seconds,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        cpu_ms: (after.saturating_sub(before)) as f64 * 1000.0 / hz / orders.max(1) as f64,
    })
}

/// CPU ticks (user + system) of this process and of every process of the PostgreSQL cluster
/// whose postmaster's pid file is `postmaster` (0 for what cannot be read).
fn cpu_ticks(postmaster: &std::path::Path) -> u64 {
    let stat = |pid: &str| -> Option<(u64, u64)> {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest = text.rsplit_once(") ")?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // After the command: state(0) ppid(1) ... utime(11) stime(12).
        let ppid = fields.get(1)?.parse().ok()?;
        let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some((ppid, ticks))
    };
    let mut total = stat("self").map_or(0, |(_, t)| t);
    let master: Option<u64> = std::fs::read_to_string(postmaster)
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.trim().parse().ok()));
    if let Some(master) = master {
        total += stat(&master.to_string()).map_or(0, |(_, t)| t);
        if let Ok(entries) = std::fs::read_dir("/proc") {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.chars().all(|c| c.is_ascii_digit())
                    && let Some((ppid, ticks)) = stat(&name)
                    && ppid == master
                {
                    total += ticks;
                }
            }
        }
    }
    total
}
