# PostgreSQL settings for a benchmark cluster holding ten million matters,
# sourced by the benchmark scripts: the defaults (128 MB of buffers, a
# checkpoint every 1 GB of WAL) would measure the disk.
BENCH_PG_OPTIONS="-c shared_buffers=4GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c maintenance_work_mem=1GB"
