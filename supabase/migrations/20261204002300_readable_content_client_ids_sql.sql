-- private.readable_content_client_ids as one SQL statement. Postgres 18
-- caches the plans of SQL functions across calls, and the CASE runs only the
-- subquery of the caller's role, so a client's lookup is one index probe.
-- The rules are unchanged: an active account whose agency, if any, is active;
-- a client reads itself, an agency admin its agency's accounts, the owner
-- everyone.
create or replace function private.readable_content_client_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (
      select case c.role
        when 'client' then array[c.id]
        when 'owner' then array(select every_client.id from public.clients every_client)
        else array(select agency_client.id from public.clients agency_client
                   where agency_client.reseller_id = c.reseller_id)
      end
      from public.clients c
      left join public.resellers r on r.id = c.reseller_id
      where c.id = (select auth.uid())
        and c.status = 'active'
        and (c.reseller_id is null or r.status = 'active')
    ),
    '{}'::uuid[]
  )
$$;
revoke all on function private.readable_content_client_ids() from public;
grant execute on function private.readable_content_client_ids() to authenticated;
