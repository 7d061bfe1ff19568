#include "tools/corpus_writer.hpp"

#include <sqlite3.h>

namespace troupe {

caf::expected<corpus_writer> corpus_writer::prepare(sqlite3* db) {
  auto insert_file = sqlite_statement::prepare(
      db, "INSERT INTO files (path, mtime_ns, size, title) VALUES (?1, ?2, ?3, ?4)");
  if (!insert_file)
    return insert_file.error();
  auto insert_text = sqlite_statement::prepare(
      db, "INSERT INTO fts (rowid, title, body) VALUES (?1, ?2, ?3)");
  if (!insert_text)
    return insert_text.error();
  auto delete_file = sqlite_statement::prepare(db, "DELETE FROM files WHERE doc_id = ?1");
  if (!delete_file)
    return delete_file.error();
  auto delete_text = sqlite_statement::prepare(db, "DELETE FROM fts WHERE rowid = ?1");
  if (!delete_text)
    return delete_text.error();
  return corpus_writer{db, std::move(*insert_file), std::move(*insert_text),
                       std::move(*delete_file), std::move(*delete_text)};
}

corpus_writer::corpus_writer(sqlite3* db, sqlite_statement insert_file,
                             sqlite_statement insert_text, sqlite_statement delete_file,
                             sqlite_statement delete_text)
    : db_(db), insert_file_(std::move(insert_file)), insert_text_(std::move(insert_text)),
      delete_file_(std::move(delete_file)), delete_text_(std::move(delete_text)) {}

caf::error corpus_writer::insert(const corpus_scan::file& file,
                                 const document_text& doc) {
  insert_file_.bind(1, file.path);
  insert_file_.bind(2, file.mtime_ns);
  insert_file_.bind(3, file.size);
  insert_file_.bind(4, doc.title);
  if (auto err = insert_file_.execute())
    return err;
  // The fts row shares the files row's id, which is how searches join them.
  insert_text_.bind(1, static_cast<int64_t>(sqlite3_last_insert_rowid(db_)));
  insert_text_.bind(2, doc.title);
  insert_text_.bind(3, doc.body);
  return insert_text_.execute();
}

caf::error corpus_writer::remove(int64_t doc_id) {
  delete_text_.bind(1, doc_id);
  if (auto err = delete_text_.execute())
    return err;
  delete_file_.bind(1, doc_id);
  return delete_file_.execute();
}

} // namespace troupe
