"""Spanish and English templates of the offline writer, one set per content kind."""

import logging

logger = logging.getLogger(__name__)

# Placeholders: {business}, {industry}, {brief}, {keywords}, {opening}, {closing}.
TEMPLATES: dict[str, dict[str, str]] = {
    "es": {
        "caption": "{opening} {business}: {brief}. {keywords} {closing}",
        "post": "{opening} {business} ({industry})\n\n{brief}.\n\n{keywords}\n\n{closing}",
        "video_script": (
            "Escena 1 (gancho): {brief}.\n"
            "Escena 2: así lo hacemos en {business}. {keywords}\n"
            "Escena 3 (cierre): {closing}"
        ),
        "bio": "{business} · {industry}. {keywords} {closing}",
        "ad": "{business}: {brief}. {keywords} {closing}",
        "email": (
            "Asunto: {brief}\n\nHola:\n\nEn {business} queremos contarte: {brief}. {keywords}\n\n"
            "{closing}\n\nUn saludo,\nEl equipo de {business}"
        ),
    },
    "en": {
        "caption": "{opening} {business}: {brief}. {keywords} {closing}",
        "post": "{opening} {business} ({industry})\n\n{brief}.\n\n{keywords}\n\n{closing}",
        "video_script": (
            "Scene 1 (hook): {brief}.\n"
            "Scene 2: this is how we do it at {business}. {keywords}\n"
            "Scene 3 (close): {closing}"
        ),
        "bio": "{business} · {industry}. {keywords} {closing}",
        "ad": "{business}: {brief}. {keywords} {closing}",
        "email": (
            "Subject: {brief}\n\nHello,\n\nAt {business} we want to tell you: {brief}. "
            "{keywords}\n\n"
            "{closing}\n\nBest regards,\nThe {business} team"
        ),
    },
}

OPENINGS = {
    "es": ("✨ Novedad en", "Hoy en", "Te contamos desde"),
    "en": ("✨ New at", "Today at", "News from"),
}
CLOSINGS = {
    "es": ("¡Te esperamos!", "¿Qué te parece? Cuéntanos en los comentarios.", "Ven a conocernos."),
    "en": (
        "We look forward to seeing you!",
        "What do you think? Tell us in the comments.",
        "Come and see us.",
    ),
}
KEYWORDS_LEAD = {"es": "Lo nuestro: {list}.", "en": "What we are about: {list}."}

# Ideas are "title | angle" lines, the same format the network providers are asked for.
IDEAS = {
    "es": (
        "Paso a paso: {brief} | Enseña el proceso detrás de {business}",
        "Preguntas frecuentes sobre {industry} | Responde las dudas reales de tus clientes",
        "Un día en {business} | Muestra al equipo y el trabajo diario",
        "Antes y después | Compara el resultado con el punto de partida",
        "La opinión de un cliente | Comparte lo que dicen de {business}",
    ),
    "en": (
        "Step by step: {brief} | Show the process behind {business}",
        "{industry} questions answered | Reply to the real questions of your customers",
        "A day at {business} | Introduce the team and the daily work",
        "Before and after | Compare the result with the starting point",
        "A customer's view | Share what people say about {business}",
    ),
}
