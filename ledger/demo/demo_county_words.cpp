// The word lists of the generated county: Siyang's regions, its banks, company-name parts and
// project names. Company and project names are made up from these words; region and bank names are
// real institutions, bank branch numbers and account numbers are not (docs/demo.md).
#include <map>

#include "ledger/demo/demo_county_internal.h"
#include "ledger/policy/policy.h"

namespace subsidy {

const std::vector<CountyRegion>& siyang_regions() {
  // After the 2020 re-division approved by 苏政复〔2020〕65号: 众兴镇 became 众兴街道 and 城厢街道,
  // 八集乡 became 来安街道, and several towns were merged (docs/demo.md names the sources).
  static const std::vector<CountyRegion> regions = {
      {"P01", "泗阳经济开发区", "park"}, {"P02", "泗阳县高新技术产业园区", "park"},
      {"S01", "众兴街道", "street"},     {"S02", "城厢街道", "street"},
      {"S03", "来安街道", "street"},     {"T01", "三庄镇", "township"},
      {"T02", "爱园镇", "township"},     {"T03", "卢集镇", "township"},
      {"T04", "王集镇", "township"},     {"T05", "裴圩镇", "township"},
      {"T06", "新袁镇", "township"},     {"T07", "李口镇", "township"},
      {"T08", "临河镇", "township"},     {"T09", "穿城镇", "township"},
      {"T10", "张家圩镇", "township"},   {"T11", "庄圩乡", "township"},
  };
  return regions;
}

const std::vector<std::string_view>& county_scheme_codes() {
  // The schemes of the built-in policy, in its order (POLICY.md section 1): the generator makes
  // inputs for each by its code, and its weights follow this order (demo_county_applications.cpp
  // checks the count; demo_county_test checks every scheme occurs).
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> list;
    for (const Scheme& scheme : builtin_policy().schemes()) list.push_back(scheme.code);
    return list;
  }();
  return codes;
}

namespace county {

const std::vector<BankBranch>& bank_branches() {
  // Head-office prefixes of the CNAPS code: 102 ICBC, 103 ABC, 104 BOC, 105 CCB, 313 city
  // commercial banks, 314 rural commercial banks, 403 Postal Savings Bank; 3082 is the area digits
  // the bureau's own sample codes (examples/basic) use for Siyang.
  static const std::vector<BankBranch> branches = {
      {"中国工商银行股份有限公司泗阳支行", "102308200012", "11100201", 19, 120},
      {"中国工商银行股份有限公司泗阳经济开发区支行", "102308200037", "11100202", 19, 60},
      {"中国农业银行股份有限公司泗阳县支行", "103308200016", "103585010", 17, 150},
      {"中国银行股份有限公司泗阳支行", "104308200024", "5147", 12, 90},
      {"中国建设银行股份有限公司泗阳支行", "105308200019", "3205017155", 20, 150},
      {"江苏银行股份有限公司泗阳支行", "313308200031", "5022", 16, 100},
      {"江苏泗阳农村商业银行股份有限公司", "314308200018", "32132300112", 19, 200},
      {"江苏泗阳农村商业银行股份有限公司众兴支行", "314308200026", "32132300115", 19, 80},
      {"中国邮政储蓄银行股份有限公司泗阳县支行", "403308200015", "9320120100", 19, 50},
  };
  return branches;
}

const std::vector<Industry>& industries() {
  static const std::vector<Industry> list = {
      {"机械", false},        {"纺织", false},       {"电子", false},     {"食品", false},
      {"新材料", false},      {"光电", false},       {"木业", false},     {"智能装备", false},
      {"化纤", false},        {"汽车零部件", false}, {"医疗器械", false}, {"包装", false},
      {"家居", false},        {"玻璃", false},       {"精密制造", false}, {"新能源", false},
      {"服饰", false},        {"塑业", false},       {"建材", false},     {"生物科技", false},
      {"电气", false},        {"金属制品", false},   {"环保科技", false}, {"印刷", false},
      {"酒业", false},        {"信息技术", true},    {"数字科技", true},  {"软件", true},
      {"智能制造服务", true},
  };
  return list;
}

const std::vector<std::string_view>& trade_name_first() {
  static const std::vector<std::string_view> list = {
      "恒", "鑫", "华", "泰", "瑞", "丰", "盛", "兴", "宏", "远", "金", "新", "嘉", "德",
      "利", "通", "永", "信", "博", "创", "佳", "航", "海", "天", "汇", "隆", "邦", "凯",
      "昌", "润", "锦", "晟", "捷", "诚", "益", "康", "正", "立", "顺", "安"};
  return list;
}

const std::vector<std::string_view>& trade_name_second() {
  static const std::vector<std::string_view> list = {
      "达", "源", "升", "宇", "辉", "翔", "腾", "豪", "富", "发", "和", "成", "茂", "业",
      "杰", "亚", "威", "力", "美", "欣", "科", "盈", "祥", "鸿", "星", "泽", "林", "峰",
      "森", "越", "阳", "光", "彩", "弘", "晶", "昊", "麟", "晖", "涵", "润"};
  return list;
}

const std::vector<std::string_view>& workshop_words() {
  static const std::vector<std::string_view> list = {
      "纺纱", "织造", "焊装", "总装", "SMT",  "注塑",   "冲压", "机加工",
      "包装", "涂装", "灌装", "烘焙", "板材", "热处理", "模具", "检测"};
  return list;
}

const std::vector<std::string_view>& technology_words() {
  static const std::vector<std::string_view> list = {
      "高精度传动",   "冷链保鲜",   "新型复合材料", "光伏组件封装", "医用高分子",
      "智能控制算法", "高强度纤维", "精密模具",     "机器视觉检测", "节能干燥"};
  return list;
}

std::string_view project_name_pattern(std::string_view scheme) {
  static const std::map<std::string_view, std::string_view> patterns = {
      {"smart_factory_provincial", "省级示范智能工厂建设"},
      {"smart_workshop_provincial", "{W}省级示范智能车间"},
      {"smart_workshop_municipal", "{W}市级示范智能车间"},
      {"robot_purchase", "{W}工业机器人购置"},
      {"smart_equipment_project", "{W}智能化设备及仓储物流改造"},
      {"core_tech_rd", "{T}关键核心技术攻关"},
      {"first_set_national", "{T}国家级首台（套）重大装备"},
      {"first_set_provincial", "{T}省级首台（套）重大装备"},
      {"digital_project", "{W}数字化改造提升"},
      {"platform_cross_industry", "工业互联网跨行业跨领域平台"},
      {"platform_industry", "行业级工业互联网平台"},
      {"platform_enterprise", "企业级工业互联网平台"},
      {"benchmark_factory_provincial", "省级工业互联网标杆工厂"},
      {"benchmark_factory_municipal", "市级工业互联网标杆工厂"},
      {"cloud_5star", "五星级上云"},
      {"cloud_4star", "四星级上云"},
      {"cloud_3star", "三星级上云"},
      {"integration_5a", "两化融合管理体系贯标（5A级）"},
      {"integration_4a", "两化融合管理体系贯标（4A级）"},
      {"integration_3a", "两化融合管理体系贯标（3A级）"},
      {"integration_2a", "两化融合管理体系贯标（2A级）"},
      {"integration_a", "两化融合管理体系贯标（A级）"},
      {"service_institution", "智改数转服务机构"},
      {"loan_interest", "{W}智能化改造项目贷款"},
  };
  const auto found = patterns.find(scheme);
  return found == patterns.end() ? std::string_view("智改数转项目") : found->second;
}

}  // namespace county
}  // namespace subsidy
