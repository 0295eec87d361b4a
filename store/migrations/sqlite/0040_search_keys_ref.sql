-- search_keys_ref (kind, ref) served only catalog re-imports: dropping the
-- old keys of re-keyed films and people, and refreshing their popularity.
-- Those statements touch most keys of a full re-import anyway, where one
-- scan of search_keys is as quick as millions of index probes, while
-- rebuilding the index after every load cost more than a third of a fresh
-- title.basics import (docs/performance.md). Reads go by key only.
DROP INDEX IF EXISTS search_keys_ref;
