-- Functions the FastAPI service calls to sign users in. Each is security
-- definer because omega_api has no privileges on the tables it touches, and
-- each is granted to omega_api alone. Errors use PostgREST's `PTxyz`
-- SQLSTATEs, which PostgREST and the service both turn into HTTP status xyz.

create or replace function private.register_client(
  p_email text,
  p_full_name text,
  p_password_hash text,
  p_reseller_slug text default null
)
returns public.clients
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reseller_id uuid;
  v_client public.clients;
begin
  if p_reseller_slug is not null then
    select id into v_reseller_id
    from public.resellers
    where slug = p_reseller_slug and status = 'active';

    if v_reseller_id is null then
      raise exception 'Agency "%" was not found or is not accepting clients', p_reseller_slug
        using errcode = 'PT404';
    end if;
  end if;

  begin
    insert into public.clients (email, full_name, reseller_id)
    values (lower(p_email), p_full_name, v_reseller_id)
    returning * into v_client;
  exception when unique_violation then
    raise exception 'An account with this email already exists' using errcode = 'PT409';
  end;

  insert into private.credentials (client_id, password_hash)
  values (v_client.id, p_password_hash);

  return v_client;
end;
$$;
revoke all on function private.register_client(text, text, text, text) from public;
grant execute on function private.register_client(text, text, text, text) to omega_api;


create or replace function private.login_lookup(p_email text)
returns table (
  client_id uuid,
  password_hash text,
  client_status text,
  role text,
  reseller_id uuid
)
language sql
stable
security definer
set search_path = ''
as $$
  select c.id, cr.password_hash, c.status, c.role, c.reseller_id
  from public.clients c
  join private.credentials cr on cr.client_id = c.id
  where c.email = lower(p_email)
$$;
revoke all on function private.login_lookup(text) from public;
grant execute on function private.login_lookup(text) to omega_api;


create or replace function private.open_session(
  p_client_id uuid,
  p_refresh_hash bytea,
  p_ttl_seconds integer,
  p_user_agent text,
  p_ip inet
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_session_id uuid;
begin
  insert into private.sessions (client_id, expires_at, user_agent, ip)
  values (p_client_id, now() + make_interval(secs => p_ttl_seconds), left(p_user_agent, 500), p_ip)
  returning id into v_session_id;

  insert into private.refresh_tokens (token_hash, session_id)
  values (p_refresh_hash, v_session_id);

  return v_session_id;
end;
$$;
revoke all on function private.open_session(uuid, bytea, integer, text, inet) from public;
grant execute on function private.open_session(uuid, bytea, integer, text, inet) to omega_api;


-- Rotates a refresh token. Outcomes: `rotated`; `reused` when the token was
-- already rotated, which revokes the whole session because the token has
-- leaked; `invalid` for an unknown, expired or revoked one; `suspended` when
-- the account was suspended since sign-in. Returning instead of raising lets
-- the revocation commit.
create or replace function private.rotate_refresh_token(p_old_hash bytea, p_new_hash bytea)
returns table (
  outcome text,
  session_id uuid,
  client_id uuid,
  role text,
  reseller_id uuid
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_token private.refresh_tokens;
  v_session private.sessions;
  v_client public.clients;
begin
  select * into v_token from private.refresh_tokens where token_hash = p_old_hash for update;
  if not found then
    return query select 'invalid'::text, null::uuid, null::uuid, null::text, null::uuid;
    return;
  end if;

  select * into v_session from private.sessions where id = v_token.session_id for update;
  select * into v_client from public.clients where id = v_session.client_id;

  if v_token.rotated_at is not null then
    update private.sessions
    set revoked_at = now(), revoked_reason = 'refresh_token_reuse'
    where id = v_session.id and revoked_at is null;
    return query select 'reused'::text, v_session.id, v_client.id, null::text, null::uuid;
    return;
  end if;

  if v_session.revoked_at is not null or v_session.expires_at <= now() then
    return query select 'invalid'::text, v_session.id, v_client.id, null::text, null::uuid;
    return;
  end if;

  if v_client.status <> 'active' then
    return query select 'suspended'::text, v_session.id, v_client.id, null::text, null::uuid;
    return;
  end if;

  update private.refresh_tokens set rotated_at = now() where token_hash = p_old_hash;
  insert into private.refresh_tokens (token_hash, session_id) values (p_new_hash, v_session.id);
  update private.sessions set last_refreshed_at = now() where id = v_session.id;

  return query select 'rotated'::text, v_session.id, v_client.id, v_client.role, v_client.reseller_id;
end;
$$;
revoke all on function private.rotate_refresh_token(bytea, bytea) from public;
grant execute on function private.rotate_refresh_token(bytea, bytea) to omega_api;


create or replace function private.revoke_session(p_session_id uuid, p_reason text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.sessions
  set revoked_at = now(), revoked_reason = p_reason
  where id = p_session_id and revoked_at is null;
  return found;
end;
$$;
revoke all on function private.revoke_session(uuid, text) from public;
grant execute on function private.revoke_session(uuid, text) to omega_api;


-- Counts one hit in the current fixed window of `p_bucket` and returns 0 when
-- the hit is allowed, otherwise the seconds until the window ends. A burst
-- straddling two windows can reach twice the limit.
create or replace function private.hit_rate_limit(
  p_bucket text,
  p_window_seconds integer,
  p_max_hits integer
)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_window_start timestamptz;
  v_hits integer;
begin
  v_window_start := to_timestamp(floor(extract(epoch from now()) / p_window_seconds) * p_window_seconds);

  insert into private.rate_limit_hits as h (bucket, window_start, hits)
  values (p_bucket, v_window_start, 1)
  on conflict (bucket, window_start) do update set hits = h.hits + 1
  returning h.hits into v_hits;

  delete from private.rate_limit_hits
  where bucket = p_bucket and window_start < v_window_start;

  if v_hits <= p_max_hits then
    return 0;
  end if;

  return greatest(1, ceil(extract(epoch from (v_window_start + make_interval(secs => p_window_seconds) - now())))::integer);
end;
$$;
revoke all on function private.hit_rate_limit(text, integer, integer) from public;
grant execute on function private.hit_rate_limit(text, integer, integer) to omega_api;


create or replace function private.prune_rate_limit_hits()
returns integer
language sql
security definer
set search_path = ''
as $$
  with pruned as (
    delete from private.rate_limit_hits where window_start < now() - interval '1 day' returning 1
  )
  select count(*)::integer from pruned
$$;
revoke all on function private.prune_rate_limit_hits() from public;
grant execute on function private.prune_rate_limit_hits() to omega_api;


-- PostgREST's `db-pre-request` hook. PostgREST calls it as the token's role
-- after the claims are set, so a token whose session was revoked, or whose
-- client was suspended, stops working at once rather than at `exp`.
-- Turn it on with: alter role authenticator set pgrst.db_pre_request = 'private.check_request';
create or replace function private.check_request()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_claims jsonb := nullif(current_setting('request.jwt.claims', true), '')::jsonb;
  v_uuid_pattern constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
begin
  if v_claims is null or coalesce(v_claims ->> 'role', '') <> 'authenticated' then
    return;
  end if;

  if coalesce(v_claims ->> 'sub', '') !~ v_uuid_pattern
     or coalesce(v_claims ->> 'session_id', '') !~ v_uuid_pattern then
    raise exception 'Token has no valid subject or session' using errcode = 'PT401';
  end if;

  perform 1
  from private.sessions s
  join public.clients c on c.id = s.client_id
  where s.id = (v_claims ->> 'session_id')::uuid
    and c.id = (v_claims ->> 'sub')::uuid
    and s.revoked_at is null
    and c.status = 'active';

  if not found then
    raise exception 'Session was revoked or the account is suspended' using errcode = 'PT401',
      hint = 'Sign in again';
  end if;
end;
$$;
revoke all on function private.check_request() from public;
grant execute on function private.check_request() to anon, authenticated;
