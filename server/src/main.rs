//! `linli`: the portal's one binary. Everything lives in the library so
//! tests can start the real server.

/// Rendering allocates many small strings on both worker threads; glibc's
/// arenas made malloc/free a third of each request's CPU (issue 22).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    linli_server::cli::main()
}
