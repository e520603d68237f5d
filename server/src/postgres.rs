//! The private PostgreSQL cluster: with no `DATABASE_URL`, the server runs its own PostgreSQL
//! from the machine's binaries in `<data dir>/postgres`, listening on a unix socket inside that
//! folder and on no TCP port.
//!
//! PostgreSQL refuses to run as root; when this process is root, initdb and the server run as
//! the `postgres` system user, which then owns the cluster folder.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Output;

use tokio::process::Command;

/// The role the server connects as (trust authentication over the private socket).
pub const SUPERUSER: &str = "daydream";

/// Why the private cluster could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries were not found (looked in `pg_config --bindir` and \
         /usr/lib/postgresql/*/bin). Install them with `apt-get install postgresql` \
         (or `make setup`), or set DATABASE_URL to use an existing database."
    )]
    NotInstalled,
    #[error(
        "this process runs as root and PostgreSQL refuses to; the `postgres` system user it \
         would run as does not exist. Install the `postgresql` package or run as a normal user."
    )]
    NoPostgresUser,
    #[error("{what} failed: {detail}")]
    Command { what: String, detail: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

fn io_err(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> ClusterError {
    let what = what.into();
    move |source| ClusterError::Io { what, source }
}

/// A running private cluster.
#[derive(Debug)]
pub struct PrivateCluster {
    dir: PathBuf,
    socket_dir: PathBuf,
    bin: PathBuf,
    run_as: Option<(nix::unistd::Uid, nix::unistd::Gid)>,
    started_here: bool,
}

/// How careful the cluster is with the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// fsync on: what `make run` uses; nothing committed is lost.
    Full,
    /// fsync off: for throwaway test clusters, several times faster.
    Throwaway,
}

impl PrivateCluster {
    /// The cluster in `dir`, without starting or creating anything (for `cluster stop`).
    pub async fn locate(dir: &Path) -> Result<Self, ClusterError> {
        let bin = find_bin_dir().await.ok_or(ClusterError::NotInstalled)?;
        std::fs::create_dir_all(dir).map_err(io_err(format!("creating {}", dir.display())))?;
        let dir = dir
            .canonicalize()
            .map_err(io_err(format!("resolving {}", dir.display())))?;
        let run_as = if nix::unistd::Uid::effective().is_root() {
            let user = nix::unistd::User::from_name("postgres")
                .ok()
                .flatten()
                .ok_or(ClusterError::NoPostgresUser)?;
            Some((user.uid, user.gid))
        } else {
            None
        };
        Ok(Self {
            socket_dir: socket_dir_for(&dir)?,
            dir,
            bin,
            run_as,
            started_here: false,
        })
    }

    /// Starts the cluster in `dir` (creating it with initdb on first use), or attaches to it when
    /// it already runs. Concurrent callers on one folder are serialised by a lock file.
    pub async fn start(dir: &Path, durability: Durability) -> Result<Self, ClusterError> {
        let mut cluster = Self::locate(dir).await?;
        let lock_path = cluster.dir.with_extension("lock");
        let lock = tokio::task::spawn_blocking(move || lock_file(&lock_path))
            .await
            .map_err(|e| ClusterError::Command {
                what: "locking the cluster folder".into(),
                detail: e.to_string(),
            })??;
        if let Some((uid, gid)) = cluster.run_as {
            make_reachable(&cluster.dir, uid, gid)?;
        }
        if cluster.socket_dir != cluster.dir {
            std::fs::create_dir_all(&cluster.socket_dir)
                .map_err(io_err(format!("creating {}", cluster.socket_dir.display())))?;
            if let Some((uid, gid)) = cluster.run_as {
                make_reachable(&cluster.socket_dir, uid, gid)?;
            }
        }
        if !cluster.dir.join("PG_VERSION").exists() {
            cluster.initdb().await?;
        }
        if !cluster.is_running().await {
            cluster.pg_start(durability).await?;
            cluster.started_here = true;
        }
        drop(lock);
        Ok(cluster)
    }

    /// The cluster's folder (also its socket folder).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether this process started the server (and so should stop it).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// A libpq-style connection string for database `db` over the private socket.
    pub fn connection_string(&self, db: &str) -> String {
        let host = self
            .socket_dir
            .to_string_lossy()
            .replace('\\', "\\\\")
            .replace('\'', "\\'");
        format!("host='{host}' user={SUPERUSER} dbname={db}")
    }

    /// Creates database `name` if it does not exist yet.
    pub async fn ensure_database(&self, name: &str) -> Result<(), ClusterError> {
        self.create_database(name, None).await
    }

    /// Creates database `name` (as a copy of `template` when given) unless it exists.
    pub async fn create_database(
        &self,
        name: &str,
        template: Option<&str>,
    ) -> Result<(), ClusterError> {
        use diesel_async::{AsyncConnection, AsyncPgConnection, RunQueryDsl};
        let mut conn = AsyncPgConnection::establish(&self.connection_string("postgres"))
            .await
            .map_err(|e| ClusterError::Command {
                what: "connecting to the private cluster".into(),
                detail: e.to_string(),
            })?;
        let exists: i64 = diesel::sql_query(format!(
            "SELECT count(*) AS n FROM pg_database WHERE datname = '{}'",
            name.replace('\'', "''")
        ))
        .get_result::<Count>(&mut conn)
        .await
        .map(|c| c.n)
        .map_err(|e| ClusterError::Command {
            what: "looking up the database".into(),
            detail: e.to_string(),
        })?;
        if exists == 0 {
            let sql = match template {
                Some(t) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{t}\""),
                None => format!("CREATE DATABASE \"{name}\""),
            };
            diesel::sql_query(sql)
                .execute(&mut conn)
                .await
                .map_err(|e| ClusterError::Command {
                    what: format!("creating database {name}"),
                    detail: e.to_string(),
                })?;
        }
        Ok(())
    }

    /// Stops the server if this process started it (fast shutdown: sessions are ended,
    /// committed data is safe).
    pub async fn stop(&self) -> Result<(), ClusterError> {
        if !self.started_here {
            return Ok(());
        }
        self.stop_now().await
    }

    /// Stops the server whoever started it; nothing to do when it is not running.
    pub async fn stop_now(&self) -> Result<(), ClusterError> {
        if !self.is_running().await {
            return Ok(());
        }
        let out = self
            .pg_ctl()
            .args(["stop", "-m", "fast", "-w", "-t", "60", "-D"])
            .arg(&self.dir)
            .output()
            .await
            .map_err(io_err("running pg_ctl stop"))?;
        check(out, "pg_ctl stop")
    }

    /// Whether a server runs on this cluster's folder.
    pub async fn is_running(&self) -> bool {
        self.pg_ctl()
            .arg("status")
            .arg("-D")
            .arg(&self.dir)
            .output()
            .await
            .map(|o| o.status.success())
            .unwrap_or(false)
    }

    async fn initdb(&self) -> Result<(), ClusterError> {
        tracing::info!(cluster.dir = %self.dir.display(), "creating the private PostgreSQL cluster (initdb)");
        let out = self
            .command("initdb")
            .args([
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-U",
                SUPERUSER,
                "-D",
            ])
            .arg(&self.dir)
            .output()
            .await
            .map_err(io_err("running initdb"))?;
        check(out, "initdb")
    }

    async fn pg_start(&self, durability: Durability) -> Result<(), ClusterError> {
        // Left over from a crash: a stale pid file whose process is gone blocks no start (pg_ctl
        // checks), but a socket lock file from another host's cluster would; both are removed by
        // postgres itself when they are stale.
        let dir = self.dir.to_string_lossy();
        let socket_dir = self.socket_dir.to_string_lossy();
        let mut opts = format!("-c listen_addresses='' -k '{socket_dir}' -c max_connections=200");
        if durability == Durability::Throwaway {
            opts.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        tracing::info!(cluster.dir = %dir, "starting the private PostgreSQL cluster");
        let out = self
            .pg_ctl()
            .args(["start", "-w", "-t", "60", "-D"])
            .arg(&self.dir)
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .arg("-o")
            .arg(opts)
            .output()
            .await
            .map_err(io_err("running pg_ctl start"))?;
        check(out, "pg_ctl start").map_err(|e| match e {
            ClusterError::Command { what, detail } => ClusterError::Command {
                what,
                detail: format!("{detail}\n{}", tail_of(&self.dir.join("server.log"))),
            },
            other => other,
        })
    }

    fn pg_ctl(&self) -> Command {
        self.command("pg_ctl")
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bin.join(program));
        // A process group of its own: Ctrl-C in the terminal reaches the server, which then
        // stops PostgreSQL in order, instead of reaching the postmaster directly.
        cmd.current_dir(&self.dir)
            .env_remove("PGDATA")
            .kill_on_drop(false)
            .process_group(0);
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid.as_raw()).gid(gid.as_raw());
        }
        cmd
    }
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn check(out: Output, what: &str) -> Result<(), ClusterError> {
    if out.status.success() {
        return Ok(());
    }
    let mut detail = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    if detail.is_empty() {
        detail = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    }
    Err(ClusterError::Command {
        what: what.to_owned(),
        detail,
    })
}

fn tail_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(10)..].join("\n")
}

/// Where the cluster's socket goes: inside its folder, unless that path is too long for a unix
/// socket address (108 bytes with the socket's own name); then a short folder under the temp
/// folder with a random name (nobody can guess it and create it first), made `0700`, and
/// recorded beside the cluster folder (`postgres.socket`) so every process finds the same one.
fn socket_dir_for(dir: &Path) -> Result<PathBuf, ClusterError> {
    if dir.join(".s.PGSQL.5432.lock").as_os_str().len() < 100 {
        return Ok(dir.to_path_buf());
    }
    let record = dir.with_extension("socket");
    if let Ok(recorded) = std::fs::read_to_string(&record) {
        let recorded = PathBuf::from(recorded.trim());
        if is_private_dir(&recorded) {
            return Ok(recorded);
        }
        // Gone (the temp folder was emptied) or not ours any more: choose a new one.
    }
    for _ in 0..8 {
        let mut bytes = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
        let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let candidate = std::env::temp_dir().join(format!("daydream-pg-{name}"));
        match std::fs::DirBuilder::new().mode(0o700).create(&candidate) {
            Ok(()) => {
                std::fs::write(&record, candidate.to_string_lossy().as_bytes())
                    .map_err(io_err(format!("writing {}", record.display())))?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(ClusterError::Io {
                    what: format!("creating {}", candidate.display()),
                    source: e,
                });
            }
        }
    }
    Err(ClusterError::Io {
        what: "choosing a socket folder".into(),
        source: std::io::Error::other("every random name was taken"),
    })
}

/// Whether `dir` is a real folder (not a link) owned by this process's user or the `postgres`
/// user it runs the cluster as, that only its owner can enter.
fn is_private_dir(dir: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return false;
    };
    let me = nix::unistd::Uid::effective().as_raw();
    let postgres = nix::unistd::User::from_name("postgres")
        .ok()
        .flatten()
        .map(|u| u.uid.as_raw());
    let owner = std::os::unix::fs::MetadataExt::uid(&meta);
    meta.is_dir()
        && meta.permissions().mode() & 0o077 == 0
        && (owner == me || Some(owner) == postgres)
}

/// Finds the PostgreSQL server binaries: `pg_config --bindir`, else the newest
/// `/usr/lib/postgresql/<version>/bin`.
async fn find_bin_dir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output().await {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && dir.join("initdb").exists() && dir.join("pg_ctl").exists() {
            return Some(dir);
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// Holds an exclusive lock on `path` until dropped.
fn lock_file(path: &Path) -> Result<nix::fcntl::Flock<std::fs::File>, ClusterError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_err(format!("opening {}", path.display())))?;
    nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusive).map_err(|(_, errno)| {
        ClusterError::Io {
            what: format!("locking {}", path.display()),
            source: std::io::Error::from(errno),
        }
    })
}

/// As root: gives the cluster folder to the `postgres` user and lets it traverse the folders
/// above (adding only the search bit, `o+x`, where missing).
fn make_reachable(
    dir: &Path,
    uid: nix::unistd::Uid,
    gid: nix::unistd::Gid,
) -> Result<(), ClusterError> {
    for ancestor in dir.ancestors().skip(1) {
        let meta = std::fs::metadata(ancestor)
            .map_err(io_err(format!("reading {}", ancestor.display())))?;
        let mode = meta.permissions().mode();
        if mode & 0o001 == 0 {
            tracing::info!(path = %ancestor.display(), "letting the postgres user traverse this folder (o+x)");
            std::fs::set_permissions(ancestor, std::fs::Permissions::from_mode(mode | 0o001))
                .map_err(io_err(format!("chmod o+x {}", ancestor.display())))?;
        }
    }
    let meta = std::fs::metadata(dir).map_err(io_err(format!("reading {}", dir.display())))?;
    if std::os::unix::fs::MetadataExt::uid(&meta) != uid.as_raw() {
        nix::unistd::chown(dir, Some(uid), Some(gid)).map_err(|errno| ClusterError::Io {
            what: format!("chown postgres {}", dir.display()),
            source: std::io::Error::from(errno),
        })?;
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(io_err(format!("chmod 700 {}", dir.display())))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_folders_hold_their_socket_and_long_ones_move_it() {
        let short = Path::new("/srv/daydream/.data/postgres");
        assert_eq!(socket_dir_for(short).unwrap(), short);
        let root = std::env::temp_dir().join(format!("dd-sock-{}", uuid::Uuid::new_v4().simple()));
        let long = root.join("x".repeat(90)).join("postgres");
        std::fs::create_dir_all(long.parent().unwrap()).unwrap();
        let moved = socket_dir_for(&long).unwrap();
        assert!(
            moved.starts_with(std::env::temp_dir()),
            "{}",
            moved.display()
        );
        let mode = std::fs::metadata(&moved).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "only its owner may enter");
        assert_eq!(moved, socket_dir_for(&long).unwrap(), "stable: recorded");
        let other = root.join("x".repeat(90)).join("other");
        let elsewhere = socket_dir_for(&other).unwrap();
        assert_ne!(moved, elsewhere, "one per cluster");
        assert!(
            !moved.to_string_lossy().contains(&format!(
                "{:016x}",
                domain::fingerprint::fnv1a(long.as_os_str().as_encoded_bytes())
            )),
            "not derived from the path"
        );

        // Someone else's folder (or one anyone may enter) under the recorded name is not used.
        std::fs::set_permissions(&moved, std::fs::Permissions::from_mode(0o777)).unwrap();
        let replaced = socket_dir_for(&long).unwrap();
        assert_ne!(replaced, moved);
        for d in [&moved, &replaced, &elsewhere] {
            let _ = std::fs::remove_dir(d);
        }
        let _ = std::fs::remove_dir_all(&root);
    }
}
