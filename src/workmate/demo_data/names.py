"""Word lists for plausible German demo data: names, streets, cities, companies, texts."""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = words(
    "Anna Lena Marie Sophie Laura Julia Lea Hannah Sarah Katharina Johanna Clara Emma Mia "
    "Charlotte Paula Nina Franziska Sabine Petra Andrea Claudia Susanne Kerstin Birgit Monika "
    "Heike Nicole Stefanie Christina Jana Aylin Elif Zeynep Olga Ewa Ilse Greta Frieda Ida Lukas "
    "Jonas Leon Felix Paul Maximilian Tim Jan Tobias Niklas Philipp Moritz David Simon Thomas "
    "Michael Andreas Stefan Christian Markus Frank Jürgen Uwe Klaus Matthias Sebastian Florian "
    "Daniel Alexander Martin Peter Ralf Jens Karl Heinrich Mehmet Emre Can Piotr Dmitri Henrik "
    "Ole Malte Hauke Fiete Benedikt Korbinian Quirin Xaver"
)

LAST_NAMES = words(
    "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch "
    "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann "
    "Lange Schmitt Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König "
    "Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel "
    "Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht "
    "Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto "
    "Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn "
    "Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Yılmaz Kaya Demir "  # noqa: RUF001
    "Şahin Nowak Kowalski Petersen Jansen Hansen Oltmanns Sommerfeld"
)

COMPANY_WORDS = words(
    "Nordlicht Rheinwerk Elbtal Alpenblick Spreeufer Weserland Mainstern Isartal Hanse Bergfeld "
    "Sonnenhof Lindenhof Eichenwald Falkenstein Adlerhorst Kranich Brückenbau Lichtblick Rotor "
    "Vektor Quadrat Kompass Leuchtturm Morgenrot Blauwal Grünzeug Feldweg Hafenkante Kaiserhof "
    "Stadtwerk Netzwerk Datenwerk Bitfabrik Pixelhaus Codeschmiede Kreativraum Ideenwerk Zukunft "
    "Horizont Polarstern Südwind Westwind Ostsee Nordsee Schwarzwald Harz Rhön Taunus Eifel "
    "Allgäu Spessart Odenwald Vogtland Uckermark"
)

BRANCHES = words(
    "Media Logistik Consulting Software Systeme Bau Immobilien Handel Technik Energie "
    "Versicherung Finanz Design Marketing Medizintechnik Maschinenbau Elektro Sanitär Gastronomie "
    "Reisen Druck Verlag Kommunikation Automation Analytics Solutions Services Holzbau Metallbau "
    "Landschaftsbau Personal Sicherheit Umwelt Recycling Pharma Optik"
)

STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Gartenstraße",
    "Schulstraße",
    "Dorfstraße",
    "Bergstraße",
    "Birkenweg",
    "Lindenstraße",
    "Kirchstraße",
    "Waldstraße",
    "Schillerstraße",
    "Goethestraße",
    "Am Markt",
    "Friedrichstraße",
    "Hafenstraße",
    "Industriestraße",
    "Rosenweg",
    "Kastanienallee",
    "Lindenallee",
    "Uferweg",
    "Mühlenweg",
    "Poststraße",
    "Torstraße",
    "Brandenburger Straße",
    "Sonnenallee",
    "Parkstraße",
)

TITLES = ("", "", "", "", "", "", "", "", "Dr. ", "Prof. Dr. ")

LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "OHG", "e.K.", "GbR")

AUTHORITY_PREFIXES = (
    "Stadt",
    "Gemeinde",
    "Landratsamt",
    "Kreisverwaltung",
    "Stadtwerke",
    "Amt für Digitalisierung",
    "Bezirksamt",
)

# city, lowest postcode, highest postcode, telephone area code
CITIES = (
    ("Berlin", 10115, 14199, "30"),
    ("Hamburg", 20095, 22769, "40"),
    ("München", 80331, 81929, "89"),
    ("Köln", 50667, 51149, "221"),
    ("Frankfurt am Main", 60306, 65936, "69"),
    ("Stuttgart", 70173, 70629, "711"),
    ("Düsseldorf", 40210, 40629, "211"),
    ("Leipzig", 4103, 4357, "341"),
    ("Dortmund", 44135, 44388, "231"),
    ("Essen", 45127, 45359, "201"),
    ("Bremen", 28195, 28779, "421"),
    ("Dresden", 1067, 1328, "351"),
    ("Hannover", 30159, 30669, "511"),
    ("Nürnberg", 90402, 90491, "911"),
    ("Duisburg", 47051, 47279, "203"),
    ("Bochum", 44787, 44894, "234"),
    ("Wuppertal", 42103, 42399, "202"),
    ("Bielefeld", 33602, 33739, "521"),
    ("Bonn", 53111, 53229, "228"),
    ("Münster", 48143, 48167, "251"),
    ("Mannheim", 68159, 68309, "621"),
    ("Karlsruhe", 76131, 76229, "721"),
    ("Augsburg", 86150, 86199, "821"),
    ("Wiesbaden", 65183, 65207, "611"),
    ("Mönchengladbach", 41061, 41239, "2161"),
    ("Gelsenkirchen", 45879, 45899, "209"),
    ("Aachen", 52062, 52080, "241"),
    ("Braunschweig", 38100, 38126, "531"),
    ("Kiel", 24103, 24159, "431"),
    ("Chemnitz", 9111, 9247, "371"),
    ("Halle (Saale)", 6108, 6132, "345"),
    ("Magdeburg", 39104, 39130, "391"),
    ("Freiburg im Breisgau", 79098, 79117, "761"),
    ("Krefeld", 47798, 47839, "2151"),
    ("Mainz", 55116, 55131, "6131"),
    ("Lübeck", 23552, 23570, "451"),
    ("Erfurt", 99084, 99099, "361"),
    ("Rostock", 18055, 18147, "381"),
    ("Kassel", 34117, 34134, "561"),
    ("Potsdam", 14467, 14482, "331"),
    ("Saarbrücken", 66111, 66133, "681"),
    ("Oldenburg", 26121, 26135, "441"),
    ("Osnabrück", 49074, 49090, "541"),
    ("Heidelberg", 69115, 69126, "6221"),
    ("Darmstadt", 64283, 64297, "6151"),
    ("Regensburg", 93047, 93059, "941"),
    ("Würzburg", 97070, 97084, "931"),
    ("Ulm", 89073, 89081, "731"),
    ("Göttingen", 37073, 37085, "551"),
    ("Jena", 7743, 7751, "3641"),
    ("Schwerin", 19053, 19063, "385"),
    ("Trier", 54290, 54296, "651"),
    ("Flensburg", 24937, 24944, "461"),
    ("Konstanz", 78462, 78467, "7531"),
)

# Abroad: city, postcode pattern range, country
FOREIGN_CITIES = (
    ("Wien", 1010, 1230, "AT"),
    ("Graz", 8010, 8063, "AT"),
    ("Salzburg", 5020, 5026, "AT"),
    ("Zürich", 8001, 8064, "CH"),
    ("Basel", 4001, 4059, "CH"),
    ("Bern", 3001, 3027, "CH"),
    ("Amsterdam", 1011, 1109, "NL"),
    ("Rotterdam", 3011, 3089, "NL"),
    ("Utrecht", 3511, 3585, "NL"),
)

TAGS = (
    "key account",
    "agentur",
    "handwerk",
    "öffentlich",
    "gesundheit",
    "logistik",
    "kultur",
    "mittelstand",
    "startup",
    "industrie",
    "rahmenvertrag",
    "newsletter",
)

POSITIONS = (
    "Geschäftsführer",
    "Geschäftsführerin",
    "Projektleitung",
    "Einkauf",
    "Buchhaltung",
    "IT-Leitung",
    "Marketing",
    "Assistenz der Geschäftsführung",
    "Vertrieb",
    "Inhaber",
    "Sachbearbeitung",
)

CONTACT_DEPARTMENTS = ("Einkauf", "IT", "Marketing", "Buchhaltung", "Geschäftsleitung", None)

PROJECT_TOPICS = (
    "Relaunch Website",
    "Onlineshop",
    "Kundenportal",
    "App-Entwicklung",
    "IT-Sicherheitsaudit",
    "Wartung & Support",
    "Corporate Design",
    "Messeauftritt",
    "Newsletter-Automatisierung",
    "Datenmigration ERP",
    "Cloud-Migration",
    "Intranet",
    "Social-Media-Kampagne",
    "Beratung Digitalisierung",
    "Schnittstelle Warenwirtschaft",
    "Barrierefreiheit (BITV)",
    "Schulung Mitarbeitende",
    "Datenschutz-Konzept",
    "Reporting-Dashboard",
    "Prozessanalyse",
)

ENTRY_NOTES = {
    "development": ("Umsetzung Feature", "Code-Review", "Bugfixing", "API-Anbindung", "Tests"),
    "design": ("Entwürfe überarbeitet", "Styleguide", "Screendesign", "Icons"),
    "meeting": ("Jour fixe", "Abstimmung mit Kunde", "Sprint-Planung", "Retrospektive"),
    "consulting": ("Workshop", "Konzeptberatung", "Anforderungsanalyse"),
    "support": ("Supportanfrage", "Deployment", "Monitoring", "Update eingespielt"),
    "travel": ("Anfahrt zum Kunden", "Rückfahrt"),
    "other": ("Dokumentation", "Projektorganisation", "Angebot vorbereitet"),
}

ACTIVITY_SUBJECTS = {
    "call": ("Rückruf wegen Angebot", "Telefonat zum Projektstand", "Kurze Abstimmung"),
    "email": ("Unterlagen geschickt", "Rückfrage zur Rechnung", "Terminbestätigung"),
    "meeting": ("Kick-off beim Kunden", "Quartalsgespräch", "Workshop vor Ort"),
    "note": ("Ansprechpartner gewechselt", "Interesse an Wartungsvertrag", "Budget für Q3 offen"),
}

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ş": "s", "é": "e"})  # noqa: RUF001


def slug(text: str) -> str:
    """An ASCII e-mail/domain part: 'Bäckerei Schulze' -> 'baeckerei-schulze'."""
    plain = text.lower().translate(UMLAUTS)
    cleaned = "".join(c if c.isalnum() else "-" for c in plain)
    return "-".join(part for part in cleaned.split("-") if part)
