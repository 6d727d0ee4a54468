#pragma once
// The member chat vocabulary (seed 001, docs/chat.md): the socket's path, message types, JSON
// keys, error codes and the file frame, as the service sends and reads them and the client
// reads and sends them. One spelling for both sides.

#include <QLatin1String>

namespace sb::protocol::chat {

inline constexpr QLatin1String socketPath("/members/chat/");
inline constexpr QLatin1String otherMemberParam("other_member_id");
inline constexpr QLatin1String smilesPath("/storage/smiles");
inline constexpr QLatin1String storagePath("/storage");  // ?uuid= a stored file

// The first message on the socket: "Bearer <access_token>".
inline constexpr QLatin1String bearerPrefix("Bearer ");

// Values of "type".
namespace type {
inline constexpr QLatin1String text("text");
inline constexpr QLatin1String smile("smile");
inline constexpr QLatin1String file("file");
inline constexpr QLatin1String history("history");  // client: an older page
inline constexpr QLatin1String read("read");        // client: read up to message_id (beyond the seed)
inline constexpr QLatin1String error("error");      // server: a refused message
}  // namespace type

namespace key {
inline constexpr QLatin1String type("type");
inline constexpr QLatin1String id("id");
inline constexpr QLatin1String memberId("member_id");
inline constexpr QLatin1String chatId("chat_id");
inline constexpr QLatin1String date("date");
inline constexpr QLatin1String text("text");
inline constexpr QLatin1String smileId("smile_id");
inline constexpr QLatin1String smileFileUuid("smile_file_uuid");
inline constexpr QLatin1String fileUuid("file_uuid");
inline constexpr QLatin1String before("before");  // history: messages with a smaller id
inline constexpr QLatin1String limit("limit");    // history: at most this many
inline constexpr QLatin1String code("code");      // error
inline constexpr QLatin1String detail("detail");  // error
inline constexpr QLatin1String price("price");    // a smile's price
inline constexpr QLatin1String messageId("message_id");  // read: the newest message read
inline constexpr QLatin1String unread("unread");  // GET /members: messages from them not read yet
// The file frame's info object.
inline constexpr QLatin1String name("name");
inline constexpr QLatin1String size("size");
inline constexpr QLatin1String mimeType("type");
}  // namespace key

// GET /members counts a member's unread messages up to this many; more show as "99+".
inline constexpr int unreadCap = 100;

// A file message is a binary frame: '!' + the info JSON + '#' + the bytes.
inline constexpr char fileFrameStart = '!';
inline constexpr char fileFrameSeparator = '#';

// "code" of {"type":"error"} messages.
namespace code {
inline constexpr QLatin1String insufficientBalance("INSUFFICIENT_BALANCE");
inline constexpr QLatin1String rateLimited("RATE_LIMITED");
inline constexpr QLatin1String invalidJson("INVALID_JSON");
inline constexpr QLatin1String invalidMessage("INVALID_MESSAGE");
inline constexpr QLatin1String unknownType("UNKNOWN_TYPE");
inline constexpr QLatin1String emptyMessage("EMPTY_MESSAGE");
inline constexpr QLatin1String fileTooLarge("FILE_TOO_LARGE");
inline constexpr QLatin1String invalidFileFrame("INVALID_FILE_FRAME");
inline constexpr QLatin1String fileSizeMismatch("FILE_SIZE_MISMATCH");
inline constexpr QLatin1String unknownSmile("UNKNOWN_SMILE");
inline constexpr QLatin1String storageError("STORAGE_ERROR");
}  // namespace code

}  // namespace sb::protocol::chat
