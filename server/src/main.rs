//! The `daydream` binary: parses the command line and hands over to `daydream::cli`.

fn main() -> std::process::ExitCode {
    daydream::cli::main()
}
