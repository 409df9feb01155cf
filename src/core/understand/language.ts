/**
 * Language detection for short chat messages: we score function words and assistant verbs per
 * language, plus a few letters that only some of our languages use.
 *
 * Why not a trigram model such as franc: assistant messages are often 3–10 words, and the
 * offline package (franc-min) has no Danish at all. Measured on the dev sets, limited to our
 * languages: on short requests franc-min was right for 76% of clinc150 (this: 98.9%) and
 * 72–82% of xsid it/de/en (this: 93–100%), 0% of Danish (this: 95%); on encyclopedic sentences
 * both are at 99–100%; franc-min took 40–110 µs per message, this a few µs.
 */

export const SUPPORTED_LANGS = ['en', 'es', 'pt', 'fr', 'it', 'de', 'da', 'nl', 'id', 'tr'] as const;
export type SupportedLang = (typeof SUPPORTED_LANGS)[number];

// Function words and frequent assistant-request words. A word listed for several languages
// counts for each of them, divided by how many share it.
const WORDS: Record<SupportedLang, string> = {
  en: `the a an and or but of to in on at for with from by about is are was were be been am i you he she it we they
    my your his her our their me him us them this that these those what which who whom whose when where why how
    do does did don doesn didn not no can could would should will shall may might must have has had
    there here some any all more most very just also too than then so if please thanks thank hi hello
    show find play set add book tell give get make want need like love hate looking going into up out
    song songs music movie movies weather today tomorrow tonight remind reminder alarm
    all delete turn off cancel stop snooze weather forecast rain snow stars star rate give minutes hours`,
  es: `el la los las un una unos unas y pero de del al en con por para sin sobre es son era fue ser estar está están
    estoy soy eres yo tú tu él ella nosotros ellos ellas mi mis su sus nuestro qué que cuál quién cuándo dónde cómo
    por qué porque muy más menos también no sí se me te le lo nos les este esta estos estas ese esa hay tengo tiene
    quiero necesito puedes puede gusta gustan encanta odio busca buscar pon reproduce pon reservar hoy mañana
    canción película hola gracias favor
    todos todas borra borrar apaga cancela alarma alarmas recordatorio recuérdame tiempo clima lluvia estrellas libro dame minutos horas noche`,
  pt: `o a os as um uma uns umas e ou mas de do da dos das no na nos nas em com por para sem sobre é são era foi ser estar
    está estão estou sou eu você ele ela nós eles elas meu minha meus minhas seu sua que qual quem quando onde como
    porque muito mais menos também não sim se me te lhe isso isto esse essa este esta há tenho tem quero preciso
    pode gosto gosta adoro odeio procurar toca tocar reservar hoje amanhã música filme olá obrigado obrigada favor
    todos todas apaga apague cancela despertador alarme lembrete lembre tempo chuva estrelas livro dê minutos horas noite`,
  fr: `le la les un une des et ou mais de du au aux en dans avec par pour sans sur est sont était été être suis es
    je tu il elle nous vous ils elles mon ma mes ton ta tes son sa ses notre votre leur que qui quoi quel quelle
    quand où comment pourquoi parce très plus moins aussi ne pas non oui se me te lui ce cette ces cet il y a ai
    veux voudrais besoin peux peut aime adore déteste cherche joue mets réserve trouve aujourd hui demain chanson
    film bonjour merci plaît
    tous toutes supprime supprimer annule éteins réveil alarme rappel rappelle météo pluie neige étoiles livre donne minutes heures soir`,
  it: `il lo la i gli le un uno una e ma di del della dei delle da dal in nel nella con per su sul senza è sono era
    essere sei io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro che chi cosa quale quando dove
    come perché molto più meno anche non sì si mi ti ci vi questo questa questi quello quella c ho ha hanno voglio
    vorrei bisogno puoi può piace piacciono adoro odio cerca trova riproduci metti suona prenota aggiungi mostra
    oggi domani canzone ciao grazie favore
    sto stai sta stiamo stanno sulle sulla sui sugli nei negli nelle alla alle allo agli dalla dalle degli questo quale qualche cosa
    tutti tutte cancella elimina spegni imposta sveglia sveglie promemoria ricordami tempo meteo pioggia piove nevicherà stelle libro dammi mostrami minuti ore sera quali`,
  de: `der die das den dem des ein eine einen einem einer und oder aber von zu im in auf an mit für ohne über ist
    sind war waren sein bin bist ich du er sie es wir ihr mein meine meinen dein deine sein seine unser was wer wie
    wo wann warum welche welcher sehr mehr weniger auch nicht kein keine keinen ja nein sich mir dich mich dir
    uns dieser diese dieses gibt habe hat haben möchte will brauche kannst kann mag liebe hasse gefällt suche finde
    spiele spiel zeige zeig buche füge hinzu heute morgen lied bitte danke hallo
    alle lösche entferne schalte aus stelle wecker alarm erinnere erinnerung wetter regnen schneien sterne sternen buch gib uhr abend minuten stunden bewerte suche nach wird zum zur meiner meinem`,
  da: `den det de en et og eller men af til i på med for uden om er var være har jeg du han hun vi jer min mit
    mine din dit sin sit vores hvad hvem hvilken hvilke hvornår hvor hvordan hvorfor meget mere mindre også ikke
    nej ja sig mig dig os denne dette disse der kan vil skal må gerne godt elsker hader kan lide synes
    find finde afspil spil vis bestil tilføj sæt i dag morgen sang sange musik tak hej venligst
    alle slet sluk annuller anullér stop vis sæt vækkeur alarm alarmer alarmen påmind påmindelse påmindelser vejr vejret vejrudsigt regne sne stjerner stjerne bog giv klokken minutter timer aften nu`,
  nl: `de het een en of maar van naar in op aan met voor zonder over is zijn was waren ben ik jij je hij zij ze wij
    we jullie mijn jouw zijn haar ons onze wat wie welke wanneer waar hoe waarom erg heel meer minder ook niet geen
    ja nee zich mij me jou deze dit die dat er heb hebt heeft wil wilt kan kun moet graag hou houd van haat zoek
    speel toon boek voeg toe vandaag morgen liedje muziek hallo dank bedankt alsjeblieft
    alle verwijder zet uit annuleer wekker herinnering herinner weer regen sneeuw sterren boek geef uur avond minuten`,
  id: `yang dan atau tetapi tapi dari ke di pada dengan untuk tanpa tentang adalah ialah itu ini saya aku kamu anda
    dia ia kami kita mereka apa siapa kapan mana bagaimana mengapa kenapa sangat lebih kurang juga tidak bukan
    belum ya sudah akan bisa dapat mau ingin perlu suka benci cari carikan putar tampilkan pesan tambahkan hari
    besok lagu musik film halo terima kasih tolong
    semua hapus matikan batalkan alarm pengingat ingatkan cuaca hujan bintang buku berikan jam malam menit`,
  tr: `ve veya ama fakat bir bu şu o da de ile için gibi kadar daha çok en ben sen biz siz onlar benim senin onun
    bizim ne kim hangi zaman nerede nasıl neden niçin değil yok var evet hayır mı mi mu mü bana sana ona bunu şunu
    istiyorum lazım seviyorum sevmiyorum nefret ediyorum bul çal göster ekle ayarla rezervasyon bugün yarın şarkı
    müzik film merhaba teşekkürler lütfen
    tüm bütün sil kapat iptal alarm hatırlatıcı hatırlat hava yağmur kar yıldız kitap ver saat akşam dakika`,
};

// Words people type to an assistant, by language: imperatives and 1st/2nd-person verbs,
// question words and quantifiers, frequent request nouns and adjectives, greetings, and
// elision fragments ("l'aspirateur" gives "l"). Same rule as WORDS: a word listed for several
// languages (here or there) is split between them, so shared words only separate the group
// that has them from the rest ("l" is French and Italian, never Spanish). "o" is left to
// Portuguese (the article) and Turkish: Spanish and Italian "o" ("or") is far rarer.
const REQUEST_WORDS: Record<SupportedLang, string> = {
  en: `whats how many much best near nearby cheap cheapest recipe recipes next last good morning evening afternoon
    night ending explained times open close send call text read write buy order resume skip repeat louder
    quieter lights light recommend suggest explain translate calculate check hey yes okay let lets beginner
    beginners easy quick way ways tips something anything nothing everything first far until before after
    because without between through down latest new free watch listen learn cook eat drink flight flights trip
    price cost money account insurance quotes league news games monday tuesday wednesday thursday friday
    saturday sunday week s t m ll re`,
  es: `a ponme dime quisiera podrías podrias búscame buscame muéstrame muestra enséñame enciende prende cierra sube
    baja envía llama llámame escribe lee léeme avísame añade agrega crea hazme haz hazle dile pide recomiéndame
    recomienda sugiéreme explícame explica traduce compara cuéntame cuenta pásame gustaría empieza empiece
    cuánto cuánta cuántos cuántas cuanto cuantos cuál cuáles cual dónde donde como cuando receta recetas mejor
    mejores próximo próxima barato barata bueno buena buenos buenas día días noches tardes fin semana ayer lunes
    martes miércoles jueves viernes sábado domingo hora cerca lejos aquí ahí allí ahora luego después antes
    todavía ya algo alguien nada todo mucho mucha muchos muchas otro otra cada algún alguna ningún ninguna al ti
    mí usted ustedes conmigo contigo hasta hacia desde según entre tienes tenemos hace hacer hago voy vamos va
    quieres puedo podemos sé sabes jugar juegos juego ver escuchar comer comprar poner encender apagar películas
    canciones música luz luces coche dinero precio vuelo vuelos billete billetes tren diferencia venga oye porfa
    porfavor eso esto estos he has hemos ha fácil cena abre fecha reserva resultado resultados principiante
    principiantes ruta rutas tienda tiendas horario horarios abierto ciudad playa viaje viajes autobús tarjeta
    móvil batería pelis peli noticias pronóstico compra cumpleaños vacaciones cenar almuerzo desayuno pequeño
    nuevo nueva cosas cuesta cocinar leer escribir aprender estudiar llamar llegar salir volver cambiar llevar
    traer conocer hablar decir pedir empezar terminar cerrar`,
  pt: `coloca coloque diga você vocês voce vc tô tá pra pros pras num numa dum duma ao aos à às pelo pela pelos
    pelas nesse nessa neste nesta desse dessa deste desta aquele aquela aquilo então agora ainda já só depois
    antes sempre nunca muita muitos muitas pouco tudo nada algum alguma alguns nenhum nenhuma outro outra outros
    cada qualquer quanto quanta quantos quantas quais melhor melhores próximo próxima receita receitas fácil
    barato barata bom boa bons boas dia dias manhã semana fim sábado domingo segunda terça quarta quinta sexta
    ontem liga desliga acende abre fecha põe bota manda envia mostra mostre procura procure encontra encontre
    busca pesquisa pesquise reserva adiciona adicione cria crie faz faça diz lê lembra avisa avise marque compre
    pede peça chama chame ajuda ajude explica recomenda recomende sugere sugira traduz compara podes podia
    poderia consegues consegue queria gostaria tens temos vou vamos está dá vê ver fazer comer jogar assistir
    ouvir ler comprar viajar oi tchau bem contigo comigo mim nosso nossa dele dela aqui perto longe lá ali até
    após entre sobre desde contra hora luz podemos todo resultado resultados iniciante iniciantes comparar ti
    posso queres vais vai sei acho deve quer mete fixe fazes vejo ter vir caminho explicado explicada cozinhar
    escrever aprender estudar chamar procurar pesquisar ligar desligar acender fechar pôr ganhar sair chegar
    voltar ficar mudar trocar tirar levar trazer receber conhecer loja lojas preço horário horários aberto
    aberta fechado cidade praia viagem passagem passagens voo voos comboio trem ônibus autocarro dinheiro conta
    cartão telemóvel celular jogo jogos filmes músicas canções notícias previsão compras aniversário férias
    jantar almoço pequeno novo nova coisa coisas custa chover cozinha quarto aspirador televisão reunião
    mensagem mensagens chamada futebol golo equipa classificação transferência pagamento fatura faturas despesas
    gastei portagens trânsito estacionamento bilhete bilhetes livros série episódio canção bolo frango bacalhau
    sobremesa lanche vinho cerveja pessoas pessoa família filho filha filhos mãe pai mulher trabalho escola`,
  fr: `l d qu j c n s m t à moi toi ça ca salut coucou bonsoir svp stp plait bonne bon mets lance allume éteins dis
    fais montre trouve donne ajoute conseille explique envoie appelle ouvre ferme baisse monte augmente règle
    commande achète lis écris traduis calcule rappelle crée enlève retire passe démarre arrête reprends répète
    vérifie regarde écoute prends va aide recommande propose suggère prévois organise réveille préviens peux
    pourrais pourriez pouvez voudrais aimerais faut dois doit sais connais avez êtes sommes allons fait faire
    voir mettre regarder écouter acheter aller avoir envoyer appeler lancer allumer chercher trouver réserver
    commander jouer visiter manger cuisiner préparer comparer recette recettes meilleur meilleure meilleurs
    meilleures prochain prochaine dernier dernière combien quels quelles lequel laquelle quelque quelqu chose
    truc idée idées envie cher près chez vers depuis jusqu avant après ici maintenant encore tout toujours rien
    jamais jour jours matin midi nuit semaine lundi mardi mercredi jeudi vendredi samedi dimanche heure prix
    temps ceux celle celui dont comme donc alors leurs facile fin lumière lumières prise chauffage musique titre
    morceau télé chaîne vol vols billet billets voiture trajet itinéraire loin coûte virement compte argent
    janvier février avril juin juillet août septembre octobre novembre décembre ligne débutant débutants
    classement résultat résultats horaires horaire ouvert ouverte fermé gratuit magasin magasins ville plage
    voyage vacances cadeau cadeaux anniversaire courses repas dîner déjeuner petit petite nouveau nouvelle
    choses vaut peine différence carte téléphone jeu jeux épisode saison infos prévisions apprendre écrire lire
    partir sortir venir prendre payer gagner perdre changer utiliser ouvrir fermer commencer finir savoir
    chambre fort minuteur réunion resto restos livraison vin bière gâteau poulet légumes pâtes cuisson cuire
    équipe joueur ligue coupe banque solde dépenses assurance assurances prêt impôts ordinateur ordi écran appli
    mot réseau imprimante clavier chargeur gare aéroport hôtel péage séjour séance cinéma série émission
    spectacle théâtre exposition`,
  it: `a l d c dell nell sull dall quest po qui qua al mai fa metti dimmi fammi mandami trovami cercami accendi
    apri chiudi alza abbassa avvia fai ferma chiama manda invia scrivi leggi ricorda ordina aggiorna blocca crea
    consigliami consiglia suggerisci spiega spiegami traduci calcola confronta controlla programma salta ripeti
    riprendi potresti può posso vuoi devo dobbiamo sai conosci facciamo andiamo siamo ricetta ricette migliore
    migliori miglior prossimo prossima quanto quanta quanti quante buongiorno buonasera buonanotte salve prego
    perfavore stasera stamattina sabato domenica lunedì martedì mercoledì giovedì venerdì settimana giorni
    giorno mattina pomeriggio notte pranzo cena colazione qualcosa niente nulla tutto ogni ancora già ora adesso
    subito dopo prima sempre poi però quindi allora oppure dello nello col coi fino verso tra fra fuori sopra
    sotto vicino lontano economico economica buono buona buoni bello bella nuovo nuova facile veloce piccolo
    tutta mare treno volo voli biglietto biglietti albergo macchina soldi conto bonifico luce luci canzoni
    partita squadra risultato qual due tre quattro cinque dieci prezzo prezzi orari orario aperto aperta chiuso
    ristorante ristoranti negozio negozi ospedale cellulare batteria appuntamento riunione spesa acquisti regalo
    regali compleanno viaggio vacanza vacanze spiaggia montagna caldo freddo gradi riscaldamento condizionatore
    televisione canale episodio puntata stagione trama spiegato spiegazione differenza significato significa
    vuol dire uova piatto piatti sugo forno cucinare preparare fare vedere ascoltare leggere andare mangiare
    bere giocare guardare sapere trovare cercare prenotare ordinare chiamare mandare scrivere imparare studiare
    libri gioco giochi videogiochi salotto cucina bagno lampada tapparelle hai abbiamo avete potete riesci
    piacerebbe mettimi togli rimuovi racconta raccontami proponi classifica campionato calcio dopodomani ieri
    stanotte mese anno anni bolletta bollette spese mutuo assicurazione assicurazioni tasse schermo stampante
    aggiornamento rete stazione benzina distributore autostrada traffico parcheggio romanzo gruppo videogioco`,
  de: `zeige mach mache schalt stell setz setze such buch bestell bestelle kauf kaufe schick schicke sende ruf rufe
    auf mal erzähl erzähle erklär erkläre empfiehl übersetze übersetz berechne rechne vergleiche vergleich prüf
    prüfe öffne lies schreib schreibe merke starte stopp stoppe pausiere lauter leiser wiederhole möchten würde
    würdest könntest können soll sollte muss müssen willst weiß weißt geht gehen machen sehen hören spielen
    kaufen kochen essen fahren fliegen wieso weshalb welches welchen welchem wieviel wieviele viel viele etwas
    nichts einige paar jede jeden jeder ganz ganze rezept rezepte beste besten bester nächste nächsten nächster
    letzte günstig günstige günstigste gut gute guten gutes schnell einfach neue neuen wochenende samstag
    sonntag montag dienstag mittwoch donnerstag freitag woche tage tag stunde moin servus tschüss vielen dank
    licht heizung lieder preis kosten kostet geld überweise überweisung zug flug flüge tisch kaffee mich euch
    ihm ihn ihnen noch schon jetzt gerade immer nie hier dort bei nach vom beim ins am bis seit gegen durch
    zwischen nur dass wenn ob weil denn gern gerne lieber liebsten klassische tabelle vergleichen billig billige
    konto alles als starten anfänger ergebnis ergebnisse geschäft geöffnet offen geschlossen kostenlos stadt
    reise urlaub geschenk geburtstag einkaufsliste einkaufen abendessen mittagessen frühstück klein kleine groß
    große nachrichten vorhersage folge staffel serien lesen schreiben lernen anrufen schicken bezahlen gewinnen
    benutzen öffnen schließen ausschalten einschalten anmachen ausmachen finden buchen bestellen reservieren
    backen abspielen`,
  da: `tænd åbn luk skru op ned send ring skriv læs husk køb lav fortæl forklar anbefal foreslå oversæt beregn
    sammenlign tjek hjælp hjælpe kunne ville skulle vise høre spille købe lave gøre få tage gå komme hvis mange
    nogle noget nogen alt hver hele flere færre mest opskrift opskrifter bedste bedst næste sidste billig
    billige billigste god gode nyt ny nye hurtig nem nemt lækker hejsa godmorgen godnat goddag tusind farvel
    hende ham dem jeres deres dag lørdag søndag mandag tirsdag onsdag torsdag fredag uge ugen dage kl fra efter
    før ved hos mod gennem inden mellem omkring igen bare lige lidt sådan her hjem hjemme derhjemme at lys lyset
    lampen musikken sangen nummeret tid pris priser penge konto bil tog fly billet billetter mad aftensmad
    morgenmad frokost kaffe øl steder sted hyggeligt hygge musik butik butikker åbent lukket rejse rejser ferie
    fødselsdag indkøb indkøbsliste stor nyheder nyhederne resultat kamp kampen holdet filmen filmene serien
    serier afsnit sæson lamperne varmen stuen køkkenet spise drikke læse skrive lære ringe sende betale vinde
    bruge åbne lukke slukke tænde lytte bestille lad sjov sjovt fed fedt dejlig dejligt hyggelig tilbud nærmeste
    tæt åben åbningstider koster langt kort tager bør kun ingen intet ingenting andre anden andet samme selv
    både så siden indtil mens når fordi ud ind hen frem tilbage væk spiller viser går kommer siger hedder
    hjælper virker lyser starter slutter åbner lukker sender ringer regner blæser temperaturen grader stilling
    stillingen tabellen bøger lydbog kunstner koncert koncerter biograf kage kager bage brød suppe kylling kød
    grøntsager vegetarisk lufthavn parkering vej vejen sekunder møde aftale stikkontakt støvsuger støvsugeren
    robotstøvsuger vaskemaskine opvaskemaskine fjernsyn højere lavere lydstyrke overfør overføre betal regning
    regningen forsikring lån aktier billigt dyrt dyr størrelse tøj sko jakke jul julen påske nytår weekenden
    måned måneden år året dagen aftenen morgenen nat natten eftermiddag formiddag`,
  nl: `laat stuur bel doe maak bestel koop lees schrijf vertel leg onthoud vergelijk bereken vertaal zeg kunt zou
    zouden zullen gaan ga gaat komt komen doen maken zien kijken luisteren spelen kopen eten koken hoeveel welk
    iets niets niks alles veel weinig elke ieder beste volgende vorige goed goede lekker goedkoop goedkope snel
    makkelijk nieuw nieuwe recept recepten vanavond vanmiddag vanochtend zaterdag zondag maandag dinsdag
    woensdag donderdag vrijdag dag hoi doei goedemorgen goedenavond alstublieft aub nog nu hier daar bij uit tot
    om tegen tussen sinds jij jou uw hun hen wel dus omdat als lampen licht verwarming liedjes nummer prijs geld
    rekening trein vlucht vluchten tafel lezen schrijven leren bellen sturen betalen winkel winkels stad reis
    vakantie verjaardag boodschappen avondeten ontbijt groot nieuws weerbericht aflevering seizoen`,
  id: `putarkan nyalakan hidupkan buka tutup tunjukkan kirim kirimkan telepon panggil tulis baca bacakan pesankan
    beli belikan buat buatkan jelaskan terjemahkan hitung hitungkan bandingkan atur setel pasang kasih beri
    bantu bantuin coba boleh dong nih sih aja saja deh kah gimana berapa dimana kemana apakah ada nggak gak
    enggak ga jangan udah lagi masih baru terbaik bagus murah termurah enak resep bikin paling banyak setiap
    beberapa nanti sekarang pagi siang minggu sabtu senin selasa rabu kamis jumat selamat makasih sama oleh
    dalam lampu uang harga tiket pesawat kereta restoran makan makanan minum berita jadwal rumah kamar gue gua
    nya`,
  tr: `aç ara gönder yolla yaz oku kur söyle anlat açıkla çevir hesapla karşılaştır öner tavsiye başlat durdur
    sipariş yap yapar misin mısın musun müsün mı mu mü nedir neresi kaç kaça niye isterim beni seni iyi güzel
    ucuz yakın yakındaki yeni hızlı kolay tarif tarifi sabah gece öğle hafta haftasonu cumartesi pazar pazartesi
    salı çarşamba perşembe cuma gün selam günaydın teşekkür sağol tamam sonra önce şimdi hemen şarkıları dizi
    ışık ışıkları lamba para fiyat bilet uçak otel restoran yemek kahve ev evde araba oyun`,
};

// Letters that point at a language (or a few), with a weight. A language gets the weight of its
// strongest letter in the message, once. Letters shared by several languages still separate
// them from the rest: "à ç" are never Spanish, "á í ó ú" never French or Italian.
const LETTER_HINTS: ReadonlyArray<readonly [string, readonly SupportedLang[], number]> = [
  ['ñ¿¡', ['es'], 2],
  ['ãõ', ['pt'], 2.5],
  ['áíóú', ['es', 'pt'], 1],
  ['âêô', ['fr', 'pt'], 1],
  ['ç', ['fr', 'pt', 'tr'], 1],
  ['à', ['fr', 'pt', 'it'], 1],
  ['èœîû', ['fr'], 1],
  ['ù', ['fr', 'it'], 1],
  ['äß', ['de'], 1],
  ['öü', ['de', 'tr'], 1],
  ['æøå', ['da'], 2.5],
  ['ğşı', ['tr'], 3],
  ['òì', ['it'], 1.5],
];

const LANG_INDEX = new Map<SupportedLang, number>(SUPPORTED_LANGS.map((l, i) => [l, i]));

/** letter → [language index, weight] pairs, built once from LETTER_HINTS. */
const LETTER_TABLE: Map<number, ReadonlyArray<readonly [number, number]>> = (() => {
  const m = new Map<number, Array<readonly [number, number]>>();
  for (const [letters, langs, w] of LETTER_HINTS) {
    for (const ch of letters) {
      const list = m.get(ch.charCodeAt(0)) ?? [];
      for (const lang of langs) list.push([LANG_INDEX.get(lang) ?? 0, w] as const);
      m.set(ch.charCodeAt(0), list);
    }
  }
  return m;
})();

/** Scratch space of the letter scoring: best letter weight per language (reset before use). */
const letterBest = new Float64Array(SUPPORTED_LANGS.length);

/** token → language indexes that list it; each counts 1 / (number of languages sharing it). */
const WORD_TABLE: Map<string, { langs: Int8Array; weight: number }> = (() => {
  const owners = new Map<string, number[]>();
  for (const lang of SUPPORTED_LANGS) {
    const li = LANG_INDEX.get(lang) ?? 0;
    for (const w of `${WORDS[lang]} ${REQUEST_WORDS[lang]}`.split(/\s+/)) {
      if (w === '') continue;
      const list = owners.get(w) ?? [];
      if (!list.includes(li)) list.push(li);
      owners.set(w, list);
    }
  }
  const table = new Map<string, { langs: Int8Array; weight: number }>();
  for (const [w, list] of owners) table.set(w, { langs: Int8Array.from(list), weight: 1 / list.length });
  return table;
})();

const NON_ASCII = /[^\p{ASCII}]/u;

export interface LanguageGuess {
  lang: string;
  /** 0..1: margin of the winner over the runner-up. */
  confidence: number;
  /** The second-best language, when there was one. */
  runnerUp?: SupportedLang | undefined;
}

/** Normalises a BCP 47 locale ("pt-BR", "da_DK") to a supported ISO 639-1 code, if any. */
export function langFromLocale(locale: string | undefined): SupportedLang | undefined {
  if (!locale) return undefined;
  const code = locale.slice(0, 2).toLowerCase();
  return LANG_INDEX.has(code as SupportedLang) ? (code as SupportedLang) : undefined;
}

/**
 * Detects the language from already lower-cased tokens (the understander tokenises once and
 * shares the tokens). Falls back to the locale hint when the evidence is thin, "und" when
 * there is neither evidence nor hint.
 */
export function detectLanguageFromTokens(
  tokens: readonly string[],
  lowerText: string,
  localeHint?: string,
): LanguageGuess {
  const scores = new Float64Array(SUPPORTED_LANGS.length);
  for (let i = 0; i < tokens.length; i++) {
    const hit = WORD_TABLE.get(tokens[i] ?? '');
    if (hit === undefined) continue;
    const langs = hit.langs;
    for (let j = 0; j < langs.length; j++) {
      const li = langs[j] ?? 0;
      scores[li] = (scores[li] ?? 0) + hit.weight;
    }
  }
  if (NON_ASCII.test(lowerText)) {
    letterBest.fill(0);
    for (let i = 0; i < lowerText.length; i++) {
      const code = lowerText.charCodeAt(i);
      if (code < 128) continue;
      const hit = LETTER_TABLE.get(code);
      if (hit === undefined) continue;
      for (let j = 0; j < hit.length; j++) {
        const pair = hit[j];
        if (pair !== undefined && pair[1] > (letterBest[pair[0]] ?? 0)) letterBest[pair[0]] = pair[1];
      }
    }
    for (let li = 0; li < letterBest.length; li++) scores[li] = (scores[li] ?? 0) + (letterBest[li] ?? 0);
  }
  const hint = langFromLocale(localeHint);
  if (hint !== undefined) {
    // A hint is worth a little: it breaks ties between close languages (da/nl/de, es/pt/it).
    const li = LANG_INDEX.get(hint) ?? 0;
    scores[li] = (scores[li] ?? 0) + 0.6;
  }
  let best = -1;
  let bestScore = 0;
  let second = 0;
  let secondIdx = -1;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] ?? 0;
    if (s > bestScore) {
      second = bestScore;
      secondIdx = best;
      bestScore = s;
      best = i;
    } else if (s > second) {
      second = s;
      secondIdx = i;
    }
  }
  const runnerUp = secondIdx >= 0 ? SUPPORTED_LANGS[secondIdx] : undefined;
  if (best < 0 || bestScore < 0.7) {
    return { lang: hint ?? (best >= 0 ? (SUPPORTED_LANGS[best] ?? 'und') : 'und'), confidence: 0, runnerUp };
  }
  const confidence = Math.min(1, (bestScore - second) / 2);
  return { lang: SUPPORTED_LANGS[best] ?? 'und', confidence, runnerUp };
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Convenience: detect the language of a raw string. */
export function detectLanguage(text: string, localeHint?: string): LanguageGuess {
  const lower = text.toLowerCase();
  return detectLanguageFromTokens(lower.match(TOKEN_RE) ?? [], lower, localeHint);
}
