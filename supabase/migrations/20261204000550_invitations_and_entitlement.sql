-- Invitations (created through PostgREST, accepted through the service) and
-- the entitlement RPC that lets a signed-in user read its own limits.

-- Creates an invitation and returns its token, the only time the token is
-- shown: the table stores its SHA-256. A reseller admin invites clients to
-- its agency; the owner invites clients (to an agency or direct) and
-- reseller admins (to an agency).
create or replace function private.create_invitation(p_email text, p_role text, p_reseller_id uuid)
returns table (invitation_id uuid, token text, expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_admin_of uuid := private.admin_reseller_id();
  v_reseller_id uuid := p_reseller_id;
  v_token text;
begin
  if char_length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception 'email is not a valid email address' using errcode = 'PT400';
  end if;
  if p_role is null or p_role not in ('client', 'reseller') then
    raise exception 'role must be client or reseller' using errcode = 'PT400';
  end if;

  if private.is_owner() then
    if p_role = 'reseller' and p_reseller_id is null then
      raise exception 'reseller_id is required to invite a reseller admin' using errcode = 'PT400';
    end if;
  elsif v_admin_of is not null then
    if p_role <> 'client' then
      raise exception 'Only the OMEGA owner can invite reseller admins' using errcode = 'PT403';
    end if;
    if p_reseller_id is not null and p_reseller_id <> v_admin_of then
      raise exception 'Reseller admins can only invite clients to their own agency' using errcode = 'PT403';
    end if;
    v_reseller_id := v_admin_of;
  else
    raise exception 'Only reseller admins and the owner can send invitations' using errcode = 'PT403';
  end if;

  if v_reseller_id is not null
     and not exists (select 1 from public.resellers r where r.id = v_reseller_id and r.status = 'active') then
    raise exception 'Agency not found or not active' using errcode = 'PT404';
  end if;
  if exists (select 1 from public.clients c where c.email = v_email) then
    raise exception 'An account with this email already exists' using errcode = 'PT409';
  end if;

  -- 244 random bits from the server's strong random source (gen_random_uuid).
  v_token := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

  return query
  insert into public.invitations (reseller_id, email, role, token_hash, invited_by)
  values (v_reseller_id, v_email, p_role, sha256(convert_to(v_token, 'UTF8')), (select auth.uid()))
  returning id, v_token, invitations.expires_at;
end;
$$;
revoke all on function private.create_invitation(text, text, uuid) from public;
grant execute on function private.create_invitation(text, text, uuid) to authenticated;

create or replace function public.create_invitation(email text, role text, reseller_id uuid default null)
returns table (invitation_id uuid, token text, expires_at timestamptz)
language sql
volatile
set search_path = ''
as $$
  select * from private.create_invitation(email, role, reseller_id)
$$;
revoke all on function public.create_invitation(text, text, uuid) from public, anon, authenticated, service_role;
grant execute on function public.create_invitation(text, text, uuid) to authenticated, service_role;


-- Uses an invitation: creates the account under the inviting agency with
-- the invited role, its credentials and, for clients, the basic trial.
-- Unknown, expired and used tokens, and invitations to an agency that is no
-- longer active, all get the same error so a token cannot be probed.
create or replace function private.accept_invitation(
  p_token_hash bytea, p_full_name text, p_password_hash text
)
returns public.clients
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_invitation public.invitations;
  v_client public.clients;
begin
  select i.* into v_invitation
  from public.invitations i
  left join public.resellers r on r.id = i.reseller_id
  where i.token_hash = p_token_hash
    and i.accepted_at is null
    and i.expires_at > now()
    and (i.reseller_id is null or r.status = 'active')
  for update of i;

  if v_invitation.id is null then
    raise exception 'Invitation is invalid, expired or already used' using errcode = 'PT400';
  end if;

  begin
    insert into public.clients (email, full_name, role, reseller_id)
    values (v_invitation.email, p_full_name, v_invitation.role, v_invitation.reseller_id)
    returning * into v_client;
  exception when unique_violation then
    raise exception 'An account with this email already exists' using errcode = 'PT409';
  end;

  insert into private.credentials (client_id, password_hash) values (v_client.id, p_password_hash);
  if v_client.role = 'client' then
    perform private.start_trial(v_client.id);
  end if;

  update public.invitations
  set accepted_at = now(), accepted_client_id = v_client.id
  where id = v_invitation.id;

  return v_client;
end;
$$;
revoke all on function private.accept_invitation(bytea, text, text) from public;
grant execute on function private.accept_invitation(bytea, text, text) to omega_api;


-- private.client_entitlement for the caller itself, or for a client the
-- caller manages (its agency's clients for an admin, anyone for the owner),
-- as one JSON object.
create or replace function private.caller_entitlement(p_client_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_client_id uuid := coalesce(p_client_id, (select auth.uid()));
begin
  if v_client_id is null or not private.can_manage_client(v_client_id) then
    raise exception 'You can read only your own entitlement or your clients''' using errcode = 'PT403';
  end if;
  return (select to_jsonb(e) from private.client_entitlement(v_client_id) as e);
end;
$$;
revoke all on function private.caller_entitlement(uuid) from public;
grant execute on function private.caller_entitlement(uuid) to authenticated;

-- JSON rather than a table: an output column may not share the name of the
-- `client_id` parameter.
create or replace function public.client_entitlement(client_id uuid default null)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select private.caller_entitlement(client_id)
$$;
revoke all on function public.client_entitlement(uuid) from public, anon, authenticated, service_role;
grant execute on function public.client_entitlement(uuid) to authenticated, service_role;
