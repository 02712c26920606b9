-- Demo data for local development only; never load it into production.
-- Every demo user signs in with the password `omega-demo`. The businesses
-- and people are invented.

insert into public.resellers (id, slug, agency_name, status, contact_email, contact_name, commission_rate) values
  ('10000000-0000-4000-a000-000000000001', 'impulso-digital', 'Impulso Digital', 'active', 'hola@impulsodigital.example.com', 'Martín Ríos', 0.2000),
  ('10000000-0000-4000-a000-000000000002', 'agencia-norte', 'Agencia Norte', 'active', 'contacto@agencianorte.example.com', 'Javier Castillo', 0.2500),
  ('10000000-0000-4000-a000-000000000003', 'estudio-sur', 'Estudio Sur', 'suspended', 'info@estudiosur.example.com', 'Nuria Gil', 0.2000);

insert into public.clients (id, email, full_name, role, reseller_id, status) values
  ('00000000-0000-4000-a000-000000000001', 'owner@example.com', 'Lucía Fernández', 'owner', null, 'active'),
  ('00000000-0000-4000-a000-000000000011', 'reseller@example.com', 'Martín Ríos', 'reseller', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000012', 'client@example.com', 'Carmen Ortega', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000013', 'cafeteria@example.com', 'Andrés Molina', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000014', 'gimnasio@example.com', 'Sofía Navarro', 'client', '10000000-0000-4000-a000-000000000001', 'active'),
  ('00000000-0000-4000-a000-000000000021', 'norte@example.com', 'Javier Castillo', 'reseller', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000022', 'floristeria@example.com', 'Elena Prieto', 'client', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000023', 'clinica@example.com', 'Raúl Domínguez', 'client', '10000000-0000-4000-a000-000000000002', 'active'),
  ('00000000-0000-4000-a000-000000000031', 'directo@example.com', 'Paula Herrera', 'client', null, 'active'),
  ('00000000-0000-4000-a000-000000000032', 'suspendido@example.com', 'Tomás Vidal', 'client', '10000000-0000-4000-a000-000000000001', 'suspended'),
  ('00000000-0000-4000-a000-000000000041', 'sur@example.com', 'Nuria Gil', 'reseller', '10000000-0000-4000-a000-000000000003', 'active'),
  ('00000000-0000-4000-a000-000000000042', 'taller@example.com', 'Diego Serrano', 'client', '10000000-0000-4000-a000-000000000003', 'active');

-- bcrypt hashes (cost 12) of `omega-demo`, one salt per user.
insert into private.credentials (client_id, password_hash) values
  ('00000000-0000-4000-a000-000000000001', '$2b$12$ngzFxJD.tdoeap5ATVOKcO2ucFs2.8GLltBJzvQWZvsUxS.iPAMVi'),
  ('00000000-0000-4000-a000-000000000011', '$2b$12$YiO07VeiABsy0opAj4207OHC3gOiqU6wWqAtZ7jZNpW2/pb5Q2GBW'),
  ('00000000-0000-4000-a000-000000000012', '$2b$12$PnnLzMsyeC9VVBArHbZhIeFgOAZUFS3j5neCl8QNeOCHsLhtFQnZK'),
  ('00000000-0000-4000-a000-000000000013', '$2b$12$ZZysP5GNKstE9a0Tq7lgne8XXu0QIHvpzDEEyvrhCQQO9SAbbV4fi'),
  ('00000000-0000-4000-a000-000000000014', '$2b$12$enEvBnX2mjN6OhRnzS8tf.EttyIAt370eCygWUWto7m2heMfi2OdC'),
  ('00000000-0000-4000-a000-000000000021', '$2b$12$Mjc2IRo34la/Nf5MwtoxmO8U9k809VQK19AGKg1ZUfFvfQvFZcWQO'),
  ('00000000-0000-4000-a000-000000000022', '$2b$12$iAL6S/owYHayIeH6lHPqbeWsLgsaPciht7DEsOWm46ps2CUc7pVfy'),
  ('00000000-0000-4000-a000-000000000023', '$2b$12$kR1314EV.6S0GONidfrHUOU2fkWA2Z5KUFEtaoiAIeCYj7jNoGvmK'),
  ('00000000-0000-4000-a000-000000000031', '$2b$12$QpuosoJ.oPxgBsTFhJ6VmuAi5gX/ro56.PvAgf71QopxhXWfgb8cu'),
  ('00000000-0000-4000-a000-000000000032', '$2b$12$oKJ2ipf2S1/F8T.as/0inuDZVdzospreL7kbz9DasweLng8FgZuWi'),
  ('00000000-0000-4000-a000-000000000041', '$2b$12$BmqrLpu0dfQtbhh64UvBnO.sCmYBT3NJFHf.lPWCKmPCCK4TwvvC2'),
  ('00000000-0000-4000-a000-000000000042', '$2b$12$nbD91LZbU0mwo.2Z70nFUOTpN9QL.clLHpO9VF2qJuMmWqBJgqqrO');

-- Estudio Sur is suspended: its branding exists, but its public page and its
-- users' data stay closed until OMEGA reactivates it.
insert into public.reseller_branding
  (reseller_id, logo_url, primary_color, secondary_color, hero_title, hero_subtitle, cta_text,
   contact_email, contact_phone, social_links, footer_text) values
  ('10000000-0000-4000-a000-000000000001', 'https://cdn.impulsodigital.example.com/logo.png', '#0F766E', '#F97316',
   'Marketing que hace crecer tu negocio local',
   'Publicamos por ti en Instagram, Facebook y TikTok con la voz de tu marca.',
   'Pide tu diagnóstico gratis', 'hola@impulsodigital.example.com', '+34 910 000 001',
   '{"instagram": "https://instagram.com/impulsodigital", "linkedin": "https://linkedin.com/company/impulsodigital"}',
   'Impulso Digital S.L. · Madrid'),
  ('10000000-0000-4000-a000-000000000002', 'https://cdn.agencianorte.example.com/logo.svg', '#1D4ED8', '#FACC15',
   'Tu marca, presente en cada red', 'Estrategia y contenido para comercios del norte.',
   'Hablemos', 'contacto@agencianorte.example.com', '+34 944 000 002',
   '{"instagram": "https://instagram.com/agencianorte"}', 'Agencia Norte · Bilbao'),
  ('10000000-0000-4000-a000-000000000003', null, '#7C3AED', '#10B981',
   'Estudio creativo del sur', null, 'Contáctanos', 'info@estudiosur.example.com', null, '{}', 'Estudio Sur · Sevilla');

insert into public.leads (reseller_id, name, email, phone, message, status, contacted_at, notes, created_at) values
  ('10000000-0000-4000-a000-000000000001', 'Irene Campos', 'irene.campos@example.net', '+34 600 111 222',
   'Tengo una peluquería en Chamberí y quiero más reservas por Instagram.', 'new', null, null, now() - interval '2 hours'),
  ('10000000-0000-4000-a000-000000000001', 'Óscar Lozano', 'oscar@example.net', null,
   '¿Gestionáis también Google Business?', 'contacted', now() - interval '1 day', 'Llamada el martes a las 10:00', now() - interval '3 days'),
  ('10000000-0000-4000-a000-000000000001', 'Marta Vega', 'marta.vega@example.net', '+34 611 333 444',
   'Abrimos una frutería ecológica.', 'converted', now() - interval '9 days', 'Alta como cliente en plan básico', now() - interval '12 days'),
  ('10000000-0000-4000-a000-000000000001', 'Hugo Pastor', 'hugo@example.net', null,
   'Solo quería precios.', 'lost', now() - interval '20 days', 'Prefiere llevarlo él mismo', now() - interval '25 days'),
  ('10000000-0000-4000-a000-000000000002', 'Ainhoa Etxeberria', 'ainhoa@example.net', '+34 688 555 666',
   'Tenemos un asador y queremos llegar a turistas.', 'new', null, null, now() - interval '5 hours'),
  ('10000000-0000-4000-a000-000000000002', 'Iker Zubiri', 'iker@example.net', null,
   'Tienda de bicis en Getxo.', 'contacted', now() - interval '2 days', 'Enviar propuesta', now() - interval '4 days'),
  ('10000000-0000-4000-a000-000000000002', 'Leire Goñi', 'leire@example.net', null,
   'Academia de idiomas.', 'converted', now() - interval '15 days', null, now() - interval '18 days'),
  ('10000000-0000-4000-a000-000000000002', 'Unai Arana', 'unai@example.net', '+34 699 777 888',
   'Ya tenemos agencia, gracias.', 'lost', now() - interval '30 days', null, now() - interval '31 days');

-- Subscriptions come before social accounts: the plan limit trigger checks
-- them. Estudio Sur's client is active on basic but cannot use it while its
-- agency is suspended.
insert into public.subscriptions (client_id, plan_id, status, trial_ends_at, current_period_end, stripe_customer_id) values
  ('00000000-0000-4000-a000-000000000012', 'basic', 'active', null, now() + interval '20 days', 'cus_demo_laespiga'),
  ('00000000-0000-4000-a000-000000000013', 'basic', 'trialing', now() + interval '5 days', now() + interval '5 days', null),
  ('00000000-0000-4000-a000-000000000014', 'pro', 'active', null, now() + interval '11 days', 'cus_demo_gimnasio'),
  ('00000000-0000-4000-a000-000000000022', 'pro', 'past_due', null, now() - interval '2 days', 'cus_demo_floristeria'),
  ('00000000-0000-4000-a000-000000000023', 'basic', 'active', null, now() + interval '3 days', 'cus_demo_clinica'),
  ('00000000-0000-4000-a000-000000000031', 'enterprise', 'active', null, now() + interval '25 days', 'cus_demo_directo'),
  ('00000000-0000-4000-a000-000000000032', 'basic', 'unpaid', null, now() - interval '10 days', 'cus_demo_suspendido'),
  ('00000000-0000-4000-a000-000000000042', 'basic', 'active', null, now() + interval '15 days', 'cus_demo_taller');

insert into public.social_accounts (client_id, platform, handle, profile_url, is_active) values
  ('00000000-0000-4000-a000-000000000012', 'instagram', '@panaderialaespiga', 'https://instagram.com/panaderialaespiga', true),
  ('00000000-0000-4000-a000-000000000012', 'facebook', 'panaderialaespiga', 'https://facebook.com/panaderialaespiga', true),
  ('00000000-0000-4000-a000-000000000012', 'tiktok', '@laespiga', 'https://tiktok.com/@laespiga', false),
  ('00000000-0000-4000-a000-000000000013', 'instagram', '@cafeteriaelmolino', 'https://instagram.com/cafeteriaelmolino', true),
  ('00000000-0000-4000-a000-000000000013', 'x', '@elmolinocafe', 'https://x.com/elmolinocafe', true),
  ('00000000-0000-4000-a000-000000000014', 'instagram', '@gimnasiofuerza', 'https://instagram.com/gimnasiofuerza', true),
  ('00000000-0000-4000-a000-000000000014', 'tiktok', '@gimnasiofuerza', 'https://tiktok.com/@gimnasiofuerza', true),
  ('00000000-0000-4000-a000-000000000014', 'youtube', 'gimnasiofuerza', 'https://youtube.com/@gimnasiofuerza', true),
  ('00000000-0000-4000-a000-000000000022', 'instagram', '@floresprieto', 'https://instagram.com/floresprieto', true),
  ('00000000-0000-4000-a000-000000000022', 'pinterest', 'floresprieto', 'https://pinterest.com/floresprieto', true),
  ('00000000-0000-4000-a000-000000000023', 'facebook', 'clinicadominguez', 'https://facebook.com/clinicadominguez', true),
  ('00000000-0000-4000-a000-000000000023', 'linkedin', 'clinica-dominguez', 'https://linkedin.com/company/clinica-dominguez', true),
  ('00000000-0000-4000-a000-000000000031', 'instagram', '@paulaherrera.design', 'https://instagram.com/paulaherrera.design', true),
  ('00000000-0000-4000-a000-000000000031', 'linkedin', 'paula-herrera', 'https://linkedin.com/in/paula-herrera', true),
  ('00000000-0000-4000-a000-000000000031', 'threads', '@paulaherrera.design', 'https://threads.net/@paulaherrera.design', true),
  ('00000000-0000-4000-a000-000000000032', 'instagram', '@vidalreformas', 'https://instagram.com/vidalreformas', false),
  ('00000000-0000-4000-a000-000000000042', 'instagram', '@tallerserrano', 'https://instagram.com/tallerserrano', true);

-- The clinic cancelled after connecting its accounts; they stay listed but
-- no new one can be added until it subscribes again.
update public.subscriptions
set status = 'canceled', current_period_end = now() - interval '1 day'
where client_id = '00000000-0000-4000-a000-000000000023';

insert into public.client_context
  (client_id, business_name, industry, business_description, target_audience, communication_tone, primary_goal,
   language, keywords, forbidden_words, forbidden_topics, brand_colors, website_url, custom_instructions) values
  ('00000000-0000-4000-a000-000000000012', 'Panadería La Espiga', 'Panadería artesanal',
   'Panadería familiar en Lavapiés desde 1987. Pan de masa madre con harinas ecológicas, bollería de mantequilla y roscón por encargo.',
   'Vecinos del barrio de 25 a 60 años que valoran el producto local y hecho a mano.',
   'casual', 'community', 'es',
   array['masa madre', 'pan artesano', 'Lavapiés', 'ecológico', 'horno de leña'],
   array['barato', 'industrial', 'congelado'],
   array['política', 'dietas milagro'],
   array['#8B5A2B', '#F5DEB3'], 'https://panaderialaespiga.example.com',
   'Tutea al lector. Menciona el horario (de 7:30 a 14:30) cuando hables de novedades.'),
  ('00000000-0000-4000-a000-000000000013', 'Cafetería El Molino', 'Hostelería',
   'Cafetería de especialidad con desayunos caseros junto a la estación.', 'Trabajadores y estudiantes',
   'energetic', 'sales', 'es', array['café de especialidad', 'desayunos'], array['barato'], '{}', '{}', null, null),
  ('00000000-0000-4000-a000-000000000014', 'Gimnasio Fuerza', 'Deporte y bienestar',
   'Centro de entrenamiento funcional con clases reducidas.', 'Adultos que empiezan a entrenar',
   'inspirational', 'leads', 'es', array['entrenamiento funcional', 'salud'], array['milagro'],
   array['esteroides'], array['#111827', '#EF4444'], 'https://gimnasiofuerza.example.com', null),
  ('00000000-0000-4000-a000-000000000022', 'Floristería Prieto', 'Floristería',
   'Ramos de temporada y decoración floral para bodas en Santander.', 'Parejas que preparan su boda',
   'inspirational', 'sales', 'es', array['flores de temporada', 'bodas'], '{}', '{}', '{}', null, null),
  ('00000000-0000-4000-a000-000000000023', 'Clínica Domínguez', 'Fisioterapia',
   'Clínica de fisioterapia deportiva.', 'Deportistas aficionados', 'educational', 'awareness', 'es',
   array['fisioterapia', 'lesiones'], array['cura'], array['diagnósticos'], '{}', null,
   'No prometas resultados médicos.'),
  ('00000000-0000-4000-a000-000000000031', 'Paula Herrera Diseño', 'Diseño gráfico',
   'Estudio unipersonal de identidad visual para marcas pequeñas.', 'Emprendedores', 'professional', 'leads',
   'es-MX', array['branding', 'identidad visual'], '{}', '{}', array['#0EA5E9'], 'https://paulaherrera.example.com', null),
  ('00000000-0000-4000-a000-000000000042', 'Taller Serrano', 'Mecánica del automóvil',
   'Taller de barrio con revisión pre-ITV.', 'Conductores de Sevilla', 'casual', 'retention', 'es',
   array['ITV', 'revisión'], '{}', '{}', '{}', null, null);

-- Pending invitations. Their tokens are the strings passed to sha256() here,
-- so a developer can try POST /api/v1/auth/invitations/accept locally; real
-- tokens come from create_invitation() and are random.
insert into public.invitations (reseller_id, email, role, token_hash, invited_by, expires_at) values
  ('10000000-0000-4000-a000-000000000001', 'nuevo.cliente@example.net', 'client',
   sha256(convert_to('demo-invitation-impulso', 'UTF8')), '00000000-0000-4000-a000-000000000011', now() + interval '5 days'),
  ('10000000-0000-4000-a000-000000000001', 'caducada@example.net', 'client',
   sha256(convert_to('demo-invitation-expired', 'UTF8')), '00000000-0000-4000-a000-000000000011', now() - interval '1 day'),
  ('10000000-0000-4000-a000-000000000002', 'admin2@agencianorte.example.com', 'reseller',
   sha256(convert_to('demo-invitation-norte-admin', 'UTF8')), '00000000-0000-4000-a000-000000000001', now() + interval '6 days'),
  (null, 'autonomo@example.net', 'client',
   sha256(convert_to('demo-invitation-direct', 'UTF8')), '00000000-0000-4000-a000-000000000001', now() + interval '3 days');

-- Earlier generations, as the offline writer would have stored them, so the
-- history screens and the access matrix have rows for every kind of user.
insert into public.generated_content
  (client_id, kind, platform, language, brief, output, provider, model, context_version, is_saved, created_at) values
  ('00000000-0000-4000-a000-000000000012', 'caption', 'instagram', 'es', 'Pan de masa madre del sábado',
   'Este sábado, pan de masa madre recién salido del horno en Panadería La Espiga. ¡Te esperamos temprano!',
   'offline', 'offline-templates-v1', 1, false, now() - interval '3 days'),
  ('00000000-0000-4000-a000-000000000012', 'hashtags', 'instagram', 'es', 'Roscón de Reyes',
   '#PanaderíaLaEspiga #RoscónDeReyes #MasaMadre', 'offline', 'offline-templates-v1', 1, false, now() - interval '1 day'),
  ('00000000-0000-4000-a000-000000000013', 'caption', 'instagram', 'es', 'Nuevo croissant de mantequilla',
   'Croissant de mantequilla recién hecho para acompañar tu café en Cafetería El Molino 🥐',
   'offline', 'offline-templates-v1', 1, false, now() - interval '2 days'),
  ('00000000-0000-4000-a000-000000000022', 'post', 'facebook', 'es', 'Ramos de otoño',
   'Llegan los ramos de otoño a Floristería Prieto: tonos cálidos para tus celebraciones.',
   'offline', 'offline-templates-v1', 1, false, now() - interval '5 days'),
  ('00000000-0000-4000-a000-000000000031', 'bio', 'linkedin', 'es-MX', 'Bio del estudio',
   'Identidad visual para marcas pequeñas que quieren verse grandes.', 'offline', 'offline-templates-v1', 1, false,
   now() - interval '7 days'),
  ('00000000-0000-4000-a000-000000000032', 'caption', 'instagram', 'es', 'Promoción de primavera',
   'Primavera en Pinturas Vidal: renueva tu hogar con colores frescos.', 'offline', 'offline-templates-v1', 1, false,
   now() - interval '40 days'),
  ('00000000-0000-4000-a000-000000000042', 'caption', 'facebook', 'es', 'Revisión pre-ITV',
   'Pasa la ITV sin sustos: revisión completa en Taller Serrano.', 'offline', 'offline-templates-v1', 1, false,
   now() - interval '20 days');
