//! `linli`: the portal's one binary. Everything lives in the library so
//! tests can start the real server.

fn main() -> std::process::ExitCode {
    linli_server::cli::main()
}
