#include "runtime/trace/views/view_text.hpp"

#include "runtime/text/utf8.hpp"

#include <cmath>
#include <cstdio>

namespace troupe {

namespace {

template <class... Ts> std::string printed(const char* format, Ts... xs) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, xs...);
  return buf;
}

} // namespace

std::string duration_text(int64_t us) {
  if (us < 1000)
    return std::to_string(us) + " us";
  if (us < 1000000)
    return printed("%.1f ms", static_cast<double>(us) / 1e3);
  if (us < 60000000)
    return printed("%.2f s", static_cast<double>(us) / 1e6);
  auto s = us / 1000000;
  return printed("%lldm %02llds", static_cast<long long>(s / 60),
                 static_cast<long long>(s % 60));
}

std::string offset_text(int64_t us) {
  return printed("%.3f", static_cast<double>(us) / 1e6);
}

std::string usd_text(double usd) {
  return printed("$%.4f", usd);
}

std::string count_text(int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string percent_text(double part, double whole) {
  return printed("%.0f%%", whole > 0 ? 100.0 * part / whole : 0.0);
}

std::string change_text(double a, double b, std::string (*magnitude)(double)) {
  if (a == b)
    return "=";
  auto sign = b > a ? "+" : "-";
  auto percent = a == 0 ? std::string{"new"} : printed("%+.0f%%", 100.0 * (b - a) / a);
  return sign + magnitude(std::fabs(b - a)) + " (" + percent + ")";
}

std::string terminal_safe(std::string_view text, bool keep_lines) {
  auto out = utf8_sanitize(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto c = static_cast<unsigned char>(out[i]);
    if ((c < 0x20 && !(keep_lines && c == '\n')) || c == 0x7f) {
      out[i] = ' ';
    } else if (c == 0xc2 && i + 1 < out.size() &&
               static_cast<unsigned char>(out[i + 1]) < 0xa0) {
      out.replace(i, 2, " "); // a C1 control: U+0080 to U+009F
    }
  }
  return out;
}

} // namespace troupe
