-- Suspending and reactivating accounts. Status is a column no user may write
-- through PostgREST, so the owner and agency admins change it through the
-- service, which calls this function with the caller's verified identity.

-- Sets a client's status on behalf of `p_actor_id`, whose authority is read
-- from the tables now: the owner may change anyone but itself; an active
-- agency admin may change the clients (role `client`) of its own active
-- agency. Any other target is reported as not found, so admins cannot probe
-- other agencies. Suspending revokes every open session of the account.
create or replace function private.set_client_status(
  p_actor_id uuid,
  p_session_id uuid,
  p_client_id uuid,
  p_status text
)
returns public.clients
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor public.clients;
  v_target public.clients;
  v_agency_active boolean;
begin
  if p_status not in ('active', 'suspended') then
    raise exception 'Status must be active or suspended, not "%"', p_status using errcode = 'PT400';
  end if;

  select c.* into v_actor
  from public.clients c
  join private.sessions s on s.client_id = c.id
  where c.id = p_actor_id and s.id = p_session_id and s.revoked_at is null and c.status = 'active';
  if v_actor.id is null then
    raise exception 'Session was revoked or the account is suspended' using errcode = 'PT401';
  end if;
  if v_actor.role not in ('owner', 'reseller') then
    raise exception 'Only the owner and agency admins can change an account''s status' using errcode = 'PT403';
  end if;
  if p_client_id = p_actor_id then
    raise exception 'You cannot change the status of your own account' using errcode = 'PT400';
  end if;

  select * into v_target from public.clients where id = p_client_id for update;
  if v_actor.role = 'reseller' then
    select r.status = 'active' into v_agency_active from public.resellers r where r.id = v_actor.reseller_id;
    if v_target.id is null or v_target.role <> 'client' or v_target.reseller_id is distinct from v_actor.reseller_id
       or not coalesce(v_agency_active, false) then
      v_target := null;
    end if;
  end if;
  if v_target.id is null then
    raise exception 'Client not found' using errcode = 'PT404';
  end if;

  update public.clients set status = p_status where id = p_client_id returning * into v_target;
  if p_status = 'suspended' then
    update private.sessions
    set revoked_at = now(), revoked_reason = 'suspended'
    where client_id = p_client_id and revoked_at is null;
  end if;
  return v_target;
end;
$$;
revoke all on function private.set_client_status(uuid, uuid, uuid, text) from public;
grant execute on function private.set_client_status(uuid, uuid, uuid, text) to omega_api;
