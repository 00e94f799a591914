# The report's browser side: Leaflet (and, for the browser tests, playwright-core)
# from the npm registry, pinned by reports/web/package-lock.json and installed with
# `npm ci` into the build tree at configure time. Leaflet's JS and CSS and the
# report's own JS and CSS are compiled into the binary (src/report/web_assets.cpp),
# so report.html is one self-contained file and the binary needs nothing beside it.
#
# STATIONPLAN_WEB_MODULES: a node_modules folder holding leaflet, for machines
# without the registry (default: npm ci into the build tree).
set(STATIONPLAN_WEB_SOURCE ${PROJECT_SOURCE_DIR}/reports/web)
set(STATIONPLAN_WEB_MODULES "" CACHE PATH "node_modules with leaflet (empty: npm ci into the build tree)")
if(STATIONPLAN_WEB_MODULES)
  set(STATIONPLAN_NODE_MODULES ${STATIONPLAN_WEB_MODULES})
else()
  set(web_dir ${CMAKE_BINARY_DIR}/web)
  set(STATIONPLAN_NODE_MODULES ${web_dir}/node_modules)
  set(lock ${STATIONPLAN_WEB_SOURCE}/package-lock.json)
  file(SHA256 ${lock} lock_hash)
  set(stamp ${web_dir}/installed-${lock_hash})
  if(NOT EXISTS ${stamp})
    find_program(NPM npm)
    if(NOT NPM)
      message(FATAL_ERROR "npm is needed to fetch the report's map library (Leaflet): run scripts/install-deps.sh, "
                          "or set STATIONPLAN_WEB_MODULES to a node_modules folder holding leaflet")
    endif()
    file(REMOVE_RECURSE ${web_dir})
    file(MAKE_DIRECTORY ${web_dir})
    file(COPY ${STATIONPLAN_WEB_SOURCE}/package.json ${lock} DESTINATION ${web_dir})
    message(STATUS "npm ci in ${web_dir} (Leaflet, playwright-core)")
    execute_process(COMMAND ${NPM} ci --no-audit --no-fund --loglevel=error WORKING_DIRECTORY ${web_dir}
                    RESULT_VARIABLE npm_status OUTPUT_QUIET)
    if(NOT npm_status EQUAL 0)
      message(FATAL_ERROR "npm ci failed in ${web_dir} (status ${npm_status})")
    endif()
    file(TOUCH ${stamp})
  endif()
endif()
if(NOT EXISTS ${STATIONPLAN_NODE_MODULES}/leaflet/dist/leaflet.js)
  message(FATAL_ERROR "no leaflet/dist/leaflet.js in ${STATIONPLAN_NODE_MODULES}")
endif()
