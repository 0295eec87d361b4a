-- Site settings (PostgreSQL): a few named values an admin changes from the
-- website, such as whether sign-up is open. Keep in step with
-- sqlite/0030_settings.sql. A missing key means the built-in default.
CREATE TABLE site_settings (
	key   TEXT NOT NULL PRIMARY KEY,
	value TEXT NOT NULL
);
