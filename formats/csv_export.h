/* csv_export.h - the CSV exporter's internals that its tests (and the schemas/
 * folder) depend on.
 *
 * One C table of column definitions is the single source of the header row
 * of each CSV table, of its Frictionless Table Schema and of the CSVW
 * csv-metadata.json, so the three can never disagree.  The files under
 * schemas/ are these functions' output for the default options; the csv
 * test fails when they drift (regenerate them with
 * `NP_UPDATE_SCHEMAS=1 build/tests/check_csv`). */
#ifndef NP_CSV_EXPORT_H
#define NP_CSV_EXPORT_H

#include "format.h"

typedef enum { NP_CSV_T_QUOTES = 0, NP_CSV_T_ENTITIES, NP_CSV_T_ARTICLES,
	NP_CSV_N_TABLES } np_csv_table_id;

/* "quotes", "entities", "articles". */
const char *np_csv__table_name(np_csv_table_id t);
/* Number of columns and the name of column i. */
size_t np_csv__n_columns(np_csv_table_id t);
const char *np_csv__column_name(np_csv_table_id t, size_t i);
/* 1 when column i holds integers (never neutralised). */
int np_csv__column_numeric(np_csv_table_id t, size_t i);

/* The Frictionless Table Schema of table t (malloc'd JSON text, ends in LF),
 * or NULL when out of memory. */
char *np_csv__schema_json(np_csv_table_id t);
/* The CSVW metadata for the tables in `tables` (NP_CSV_* bits; 0 = all),
 * with the dialect of `opts` (malloc'd JSON text), or NULL. */
char *np_csv__metadata_json(const np_options *opts, unsigned tables);

/* A Frictionless Data Package naming each table, its dialect and its
 * schema file, so `frictionless validate datapackage.json` checks them all
 * (malloc'd JSON text), or NULL. */
char *np_csv__datapackage_json(const np_options *opts, unsigned tables);

/* Append one cell to `out` as the writer does: the formula prefix for a
 * text cell unless `raw`, then quoted (with libcsv) only when needed. */
int np_csv__put_cell(np_buf *out, const char *s, size_t n, int numeric,
                     char delim, int raw);

/* Bytes a table may hold in memory before its rows move to a temporary
 * file (tests lower it to exercise that path). */
extern size_t np_csv__spill_bytes;

#endif
