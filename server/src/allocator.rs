//! How the allocator gives memory back (issue 22: one instance's RSS under
//! load ≤ 150 MB).
//!
//! By default mimalloc commits each arena it reserves up front (on Linux,
//! where memory is overcommitted) and never purges an eagerly committed
//! arena, and it purges other freed pages a second after they were freed.
//! Under load that keeps every page a burst ever touched. Arenas committed
//! on demand and a short purge delay lower the demo city's peak (figures
//! in `scripts/bench-pages.sh`'s output and issue 22's note).

// mimalloc's options are set through its C functions only.
#![allow(unsafe_code)]

use std::os::raw::{c_int, c_long};

/// mimalloc's option numbers (`mi_option_e` in `mimalloc.h`; the same in
/// its versions 2 and 3). The test below checks them by their defaults.
const ARENA_EAGER_COMMIT: c_int = 4;
const PURGE_DELAY: c_int = 15;

/// Freed pages go back to the system after this many milliseconds
/// (mimalloc 2's own default; version 3 waits a second).
const PURGE_AFTER_MS: c_long = 10;

/// Makes committing arena memory as it is used, and purging freed pages
/// soon, the defaults; `MIMALLOC_ARENA_EAGER_COMMIT` and
/// `MIMALLOC_PURGE_DELAY` in the environment still win, as mimalloc reads
/// them after this.
///
/// The arena option only counts for arenas reserved after it is set, and
/// the first is reserved by the first allocation, before `main`: the
/// binary calls this from a constructor (`server/src/main.rs`). It must
/// not allocate.
pub extern "C" fn return_memory_sooner() {
    // SAFETY: each call is a plain store into mimalloc's option table,
    // allowed before mimalloc starts; both numbers name existing options
    // (see the test).
    unsafe {
        libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY, PURGE_AFTER_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(number: c_int) -> c_long {
        // SAFETY: reading an option of mimalloc's table.
        unsafe { libmimalloc_sys::mi_option_get(number) }
    }

    /// Wrong numbers would silently tune other options: each is known by
    /// mimalloc's own default, which this test binary keeps (no
    /// constructor changes it here; `tests/cli.rs` checks the binary).
    #[test]
    fn the_option_numbers_name_the_arena_commit_and_the_purge_delay() {
        let from_env = ["MIMALLOC_ARENA_EAGER_COMMIT", "MIMALLOC_PURGE_DELAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some());
        if !from_env {
            assert_eq!((option(ARENA_EAGER_COMMIT), option(PURGE_DELAY)), (2, 1000));
        }
    }
}
