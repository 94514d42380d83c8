INSERT INTO bench_insert (payload) VALUES ('a single-row insert, committed on its own');
