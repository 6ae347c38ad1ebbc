// Creates the embedded database in BENCH_DATA_DIR (PGlite's initdb) and closes it, in a process of its own: initdb
// leaves a process at ~800 MB RSS where reopening the directory takes ~300 MB, and the benchmarks measure a service
// that opens a database it has created before, not its first start.
import { openEmbeddedDatabase } from '../../src/infrastructure/pglite/embeddedDatabase.js';

openEmbeddedDatabase(process.env.BENCH_DATA_DIR!)
  .then((database) => database.sql.close())
  .then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
