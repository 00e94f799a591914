// A seeded adversarial address set for the address matcher (model/address_match.hpp):
// the gazetteer of a synthetic 郑州市中原区 and deputies' written addresses with the
// habits of real rosters, each with its truth. Only the standard library (its own
// arithmetic on std::mt19937_64, no distributions), so the same seed gives the same
// set everywhere; shared by the unit tests, the CLI tests and bench/.
//
//   const AddressSet set = make_address_set({20240611, 3000, 300});
//   set.addresses[k].written;  // "郑州市二七区建设西路187号3号楼"
//   set.addresses[k].target;   // the gazetteer id the deputy lives at; "" = not in the gazetteer
//   write_address_set(set, dir);  // gazetteer.csv, deputies.csv, truth.csv
//
// The gazetteer: twelve streets; real-style roads with directional twins (建设西路/建设东路,
// 嵩山南路/嵩山北路, 中原西路/中原中路/中原东路), one-character neighbours (陇海西路/航海西路,
// 汝河路/颍河路/伊河路, 一马路/二马路/三马路, 西三环路/西四环路), numerals inside names (百花路,
// 五龙口路, 十里铺街, 三官庙街), then generated roads for size; house numbers that are one
// point, one to ten buildings, or a compound (号院 + 保利百合小区, 国棉三厂家属院 ...) with
// buildings. Twins lie kilometres apart.
//
// Correctness is the house's: a deputy is placed correctly when placed at its target
// gazetteer entry (the same id), as tests/cli/geocode_sample_test.cpp scores the sample.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace stationplan::test {

struct AddressSetOptions {
    std::uint64_t seed = 20240611;
    std::size_t points = 3000;     // gazetteer entries (about; whole house numbers are added)
    std::size_t addresses = 300;   // written addresses
};

struct AddressPoint {
    std::string id;         // "G00001"
    std::string address;    // 郑州市中原区林山寨街道建设西路187号院保利百合小区3号楼
    std::string street, road, number, compound, building;  // its parts (compound and building may be empty)
    double lon = 0.0, lat = 0.0;
};

struct WrittenAddress {
    std::string id;         // "D00001"
    std::string habit;      // one of address_habits()
    std::string written;
    std::string target;     // the gazetteer id the deputy lives at; "" = not in the gazetteer
    // "match" when the text names one gazetteer entry (its road exactly or as the only road
    // one character away, and a house number and building only it has), else "review".
    std::string expected;
};

struct AddressSet {
    std::vector<AddressPoint> gazetteer;
    std::vector<WrittenAddress> addresses;
};

struct AddressHabit {
    const char* id;
    bool in_gazetteer;      // the deputy's real address is a gazetteer entry
    const char* what;
};
// Every habit; the addresses are spread evenly over them (in a seeded order).
const std::vector<AddressHabit>& address_habits();

AddressSet make_address_set(const AddressSetOptions& options);
// gazetteer.csv (地址编号,地址,经度,纬度), deputies.csv (代表编号,姓名,地址,经度,纬度 with
// empty coordinates) and truth.csv (deputy_id,habit,written_address,true_address_id,expected).
void write_address_set(const AddressSet& set, const std::filesystem::path& dir);

// Precision = correct placements / placements; recall = correct placements / addresses
// whose target is in the gazetteer.
struct AddressScore {
    struct Counts {
        std::size_t addresses = 0, in_gazetteer = 0, placed = 0, correct = 0, reviewed = 0;
    };
    Counts all;
    std::map<std::string, Counts> by_habit;
    std::vector<std::size_t> wrong;   // indexes of wrongly placed addresses
    double precision() const { return all.placed ? static_cast<double>(all.correct) / static_cast<double>(all.placed) : 1.0; }
    double recall() const {
        return all.in_gazetteer ? static_cast<double>(all.correct) / static_cast<double>(all.in_gazetteer) : 1.0;
    }
};
// placed_at[k]: the gazetteer id address k was placed at, "" when sent to review.
AddressScore score_address_set(const AddressSet& set, const std::vector<std::string>& placed_at);

}  // namespace stationplan::test
