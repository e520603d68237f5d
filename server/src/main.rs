//! The `daydream` binary: parses the command line and hands over to `daydream::cli`.

/// mimalloc instead of glibc's malloc: rendering a page allocates and frees thousands of small
/// strings, which glibc's arenas served at a third of the server's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    daydream::cli::main()
}
