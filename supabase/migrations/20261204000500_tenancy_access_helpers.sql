-- Who the caller is right now, read from the tables on every request.
--
-- Policies never trust token claims such as `app_role`: they ask these
-- helpers, which look at public.clients and public.resellers at the time of
-- the request, so a demoted admin or a suspended agency loses access on its
-- next request. Each helper is security definer (it reads rows the caller
-- may not see, and RLS on public.clients would otherwise recurse), stable,
-- and called as `(select private.helper())` so Postgres runs it once per
-- statement rather than once per row.

-- The caller's id when the caller may use the product: the account is active
-- and, if it belongs to an agency, that agency is active. Null for anon, for
-- a suspended account and for every user of a suspended or terminated agency.
create or replace function private.active_caller_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id
  from public.clients c
  left join public.resellers r on r.id = c.reseller_id
  where c.id = (select auth.uid())
    and c.status = 'active'
    and (c.reseller_id is null or r.status = 'active')
$$;
revoke all on function private.active_caller_id() from public;
grant execute on function private.active_caller_id() to authenticated;


-- The agency the caller administers, when the caller is an active reseller
-- admin of an active agency; null otherwise.
create or replace function private.admin_reseller_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.reseller_id
  from public.clients c
  join public.resellers r on r.id = c.reseller_id
  where c.id = (select auth.uid())
    and c.role = 'reseller'
    and c.status = 'active'
    and r.status = 'active'
$$;
revoke all on function private.admin_reseller_id() from public;
grant execute on function private.admin_reseller_id() to authenticated;


-- Whether the caller is the active OMEGA owner.
create or replace function private.is_owner()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.clients c
    where c.id = (select auth.uid())
      and c.role = 'owner'
      and c.status = 'active'
  )
$$;
revoke all on function private.is_owner() from public;
grant execute on function private.is_owner() to authenticated;


-- The clients of the agency the caller administers (every account with that
-- reseller_id, admins included); empty for anyone who is not an active admin.
create or replace function private.managed_client_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id
  from public.clients c
  where c.reseller_id = (select private.admin_reseller_id())
$$;
revoke all on function private.managed_client_ids() from public;
grant execute on function private.managed_client_ids() to authenticated;


-- Whether the caller may act on `p_client_id`'s data: the client itself
-- (while active), an active admin of the client's agency, or the owner.
-- Used by the RPCs; policies use the set-based helpers above instead.
create or replace function private.can_manage_client(p_client_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(p_client_id = (select private.active_caller_id()), false)
    or (select private.is_owner())
    or exists (
      select 1
      from public.clients c
      where c.id = p_client_id
        and c.reseller_id = (select private.admin_reseller_id())
    )
$$;
revoke all on function private.can_manage_client(uuid) from public;
grant execute on function private.can_manage_client(uuid) to authenticated;
