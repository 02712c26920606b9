-- Foundation: privileges, the private schema, and migration introspection.
--
-- New functions are not executable by PUBLIC, and new public objects are not
-- granted to the API roles by default: every grant in this project is
-- written next to the object it opens.

alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;

-- private is never exposed through PostgREST. The API roles get usage only
-- so that policies can call the security-definer helpers granted below.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, omega_api;

create or replace function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Lets the service report pending migrations on /ready without any grant on
-- the migration history table itself. Security definer because omega_api has
-- no privileges on supabase_migrations.
create or replace function private.applied_migration_versions()
returns setof text
language sql
stable
security definer
set search_path = ''
as $$
  select version from supabase_migrations.schema_migrations order by version
$$;
revoke all on function private.applied_migration_versions() from public;
grant execute on function private.applied_migration_versions() to omega_api;
