//! `linli`: the portal's one binary. Everything lives in the library so
//! tests can start the real server.

/// Rendering allocates many small strings on both worker threads; glibc's
/// arenas made malloc/free a third of each request's CPU (issue 22).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's defaults are changed before anything allocates, so before
/// `main`: a constructor, ordered (by its priority suffix) ahead of
/// mimalloc's own, which reads the options.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
#[used]
#[unsafe(link_section = ".init_array.00101")]
static RETURN_MEMORY_SOONER: extern "C" fn() = linli_server::allocator::return_memory_sooner;

fn main() -> std::process::ExitCode {
    linli_server::cli::main()
}
