-- What hosted Supabase already provides and a bare Postgres lacks: the API
-- roles, the auth schema and its claim helpers, and Supabase's default
-- privileges on the public schema. Only `omega dev` and the tests apply it.
-- Every statement creates something only where it is missing, so running it
-- twice, or on a database that already has these objects, changes nothing.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

-- The claim helpers read the transaction setting PostgREST fills from the
-- verified token, falling back to the per-claim settings of PostgREST < 9.
do $$
begin
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
    language sql stable
    as $body$
      select nullif(
        coalesce(
          current_setting('request.jwt.claim.sub', true),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        ),
        ''
      )::uuid
    $body$;
  end if;

  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
    language sql stable
    as $body$
      select nullif(
        coalesce(
          current_setting('request.jwt.claim.role', true),
          (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
        ),
        ''
      )::text
    $body$;
  end if;

  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
    language sql stable
    as $body$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $body$;
  end if;
end
$$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- Supabase grants every new public table, sequence and function to the API
-- roles by default. Reproducing that here keeps local runs faithful, so the
-- schema tests catch a migration that does not revoke those grants.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
