-- Up Migration
-- The API (ecom_reader) answers /ready by comparing the applied migrations with the repository's.
GRANT SELECT ON public.ecom_migrations TO ecom_reader;

-- Down Migration
REVOKE SELECT ON public.ecom_migrations FROM ecom_reader;
