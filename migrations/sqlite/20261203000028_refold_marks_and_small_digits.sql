-- Folding now drops accents typed as separate combining marks (U+0300–U+036F: "a" + U+0301 for
-- "á") instead of ending the word at them, and reads superscript and subscript digits as digits
-- ("m²" as "m2"). Listings and stalls whose text holds such characters are marked unfolded
-- (`fold_title` / `fold_name` empty), and the start-up pass that folds unfolded rows
-- (`search::index_missing`, `search::index_missing_stalls`) folds them again (SQLite).
-- A listing's body holds its stall's name, so a stall's name counts for its listings too.
UPDATE listings SET fold_title = ''
WHERE (title || ' ' || summary || ' ' || description) GLOB
      '*[' || char(768) || '-' || char(879) || char(178, 179, 185) || char(8304) || '-' || char(8329) || ']*'
   OR stall_id IN (
       SELECT id FROM stalls
       WHERE name GLOB '*[' || char(768) || '-' || char(879) || char(178, 179, 185) || char(8304) || '-' || char(8329) || ']*'
   );

UPDATE stalls SET fold_name = ''
WHERE (name || ' ' || description || ' ' || address || ' ' || certifications) GLOB
      '*[' || char(768) || '-' || char(879) || char(178, 179, 185) || char(8304) || '-' || char(8329) || ']*';
