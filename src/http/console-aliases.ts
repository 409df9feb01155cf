/**
 * A small multilingual alias list so that the advertiser console's taxonomy search finds
 * common topics in a few languages besides the English IAB names. Keys are IAB Content
 * Taxonomy 3.1 node names (matched exactly); a name the taxonomy does not have is ignored.
 * Languages: es, pt, fr, de, it, hi, ja, id.
 */
export const TOPIC_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Travel: ['viaje', 'viajes', 'viagem', 'viagens', 'voyage', 'reise', 'reisen', 'viaggio', 'यात्रा', '旅行', 'perjalanan', 'wisata'],
  Camping: ['acampar', 'acampada', 'acampamento', 'campeggio', 'zelten', 'キャンプ', 'kemah'],
  'Outdoor Activities': ['senderismo', 'trilha', 'randonnée', 'wandern', 'escursionismo', 'ハイキング', 'mendaki', 'hiking'],
  'Food & Drink': ['comida', 'bebida', 'cuisine', 'nourriture', 'essen', 'trinken', 'cibo', 'भोजन', '食べ物', 'makanan'],
  Cooking: ['cocina', 'cocinar', 'culinária', 'cozinhar', 'cuisiner', 'kochen', 'cucina', 'खाना पकाना', '料理', 'memasak'],
  Sports: ['deportes', 'deporte', 'esportes', 'esporte', 'sport', 'sports', 'खेल', 'スポーツ', 'olahraga'],
  Soccer: ['fútbol', 'futbol', 'futebol', 'football', 'fußball', 'calcio', 'फुटबॉल', 'サッカー', 'sepak bola'],
  Basketball: ['baloncesto', 'basquete', 'basket', 'バスケットボール', 'bola basket'],
  Cricket: ['críquet', 'क्रिकेट', 'クリケット', 'kriket'],
  Music: ['música', 'musique', 'musik', 'musica', 'संगीत', '音楽'],
  Movies: ['películas', 'cine', 'filmes', 'cinema', 'films', 'filme', 'film', 'फ़िल्में', '映画'],
  'Video Gaming': ['videojuegos', 'videogames', 'jeux vidéo', 'videospiele', 'videogiochi', 'वीडियो गेम', 'ゲーム', 'game'],
  Pets: ['mascotas', 'animais de estimação', 'animaux de compagnie', 'haustiere', 'animali domestici', 'पालतू जानवर', 'ペット', 'hewan peliharaan'],
  Dogs: ['perros', 'cães', 'cachorros', 'chiens', 'hunde', 'cani', 'कुत्ते', '犬', 'anjing'],
  Cats: ['gatos', 'chats', 'katzen', 'gatti', 'बिल्लियाँ', '猫', 'kucing'],
  'Style & Fashion': ['moda', 'mode', 'फैशन', 'ファッション', 'fesyen'],
  'Technology & Computing': ['tecnología', 'tecnologia', 'technologie', 'तकनीक', 'テクノロジー', 'teknologi'],
  Automotive: ['coches', 'autos', 'carros', 'voitures', 'automobile', 'कार', '自動車', 'mobil', 'otomotif'],
  'Books and Literature': ['libros', 'livros', 'livres', 'bücher', 'libri', 'किताबें', '本', 'buku'],
  'Home & Garden': ['hogar', 'jardín', 'casa', 'jardim', 'maison', 'jardin', 'garten', 'giardino', 'घर', '家庭', 'rumah'],
  'Personal Finance': ['finanzas personales', 'finanças pessoais', 'finances personnelles', 'finanzen', 'वित्त', '家計', 'keuangan'],
  Education: ['educación', 'educação', 'éducation', 'bildung', 'istruzione', 'शिक्षा', '教育', 'pendidikan'],
  Shopping: ['compras', 'achats', 'einkaufen', 'shopping', 'खरीदारी', '買い物', 'belanja'],
  'Medical Health': ['salud', 'saúde', 'santé', 'gesundheit', 'salute', 'स्वास्थ्य', '健康', 'kesehatan'],
  Politics: ['política', 'politique', 'politik', 'politica', 'राजनीति', '政治'],
  'Religion & Spirituality': ['religión', 'religião', 'religion', 'religione', 'धर्म', '宗教', 'agama'],
};
