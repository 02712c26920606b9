-- One read policy for generated_content instead of three. Postgres joins
-- permissive policies with OR, and an OR of the client, agency and owner
-- conditions cannot use the (client_id, created_at) index: a client listing
-- its newest rows without its own client_id filter scanned the whole table.
-- `client_id = any (<array computed once per statement>)` can use the index.

-- The clients whose generated content the caller may read: itself while
-- active, the clients of the agency it administers, or every client for the
-- owner.
create or replace function private.readable_content_client_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  -- The same rules as private.active_caller_id, admin_reseller_id and
  -- is_owner, in one statement because each helper call costs a query.
  with caller as (
    select c.id, c.role, c.reseller_id
    from public.clients c
    left join public.resellers r on r.id = c.reseller_id
    where c.id = (select auth.uid())
      and c.status = 'active'
      and (c.reseller_id is null or r.status = 'active')
  )
  select array(
    select caller.id from caller
    union all
    select t.id
    from caller
    join public.clients t on t.reseller_id = caller.reseller_id
    where caller.role = 'reseller' and t.id <> caller.id
    union all
    select t.id
    from caller
    cross join public.clients t
    where caller.role = 'owner' and t.id <> caller.id
  )
$$;
revoke all on function private.readable_content_client_ids() from public;
grant execute on function private.readable_content_client_ids() to authenticated;

drop policy "Clients can view their own generated content" on public.generated_content;
drop policy "Reseller admins can view their clients' content" on public.generated_content;
drop policy "The owner can view all generated content" on public.generated_content;

create policy "Clients, their agency admins and the owner can view content"
  on public.generated_content for select to authenticated
  using (client_id = any ((select private.readable_content_client_ids())::uuid[]));
