-- Roles this project needs beyond the ones Supabase provides. Idempotent:
-- safe to run on every deploy, locally and on hosted Supabase.
--
-- omega_api is the login role of the FastAPI service. It owns nothing and has
-- no table privileges of its own. It acts for users by switching to
-- anon/authenticated inside a transaction, exactly as PostgREST does, and it
-- calls the few security-definer functions in `private` that are granted to
-- it by name in the migrations. Set its password out of band:
--   alter role omega_api password '...';

do $$
begin
  if not exists (select from pg_roles where rolname = 'omega_api') then
    create role omega_api login noinherit;
  end if;
end
$$;

grant anon, authenticated to omega_api;
